/**
 * Configuration: one optional YAML file ({@code runbox.yaml}) plus {@code RUNBOX_*} environment variables, read in
 * one place ({@link io.runbox.server.config.ConfigLoader}) into small per-concern records whose defaults need nothing.
 * Sizes (bytes) and durations are typed when read; a value that does not parse names its key.
 */
package io.runbox.server.config;
