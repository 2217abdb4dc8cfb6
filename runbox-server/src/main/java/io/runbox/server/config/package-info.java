/**
 * Configuration: one optional YAML file ({@code runbox.yaml}) plus {@code RUNBOX_*} environment variables,
 * read into small per-concern records whose defaults need nothing.
 */
package io.runbox.server.config;
