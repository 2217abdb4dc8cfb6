/**
 * Installing and removing toolchains from the recipes in {@code language.yaml} ({@code install:}): Debian packages,
 * npm packages into Runbox's prefix, and Maven artifacts with their dependencies and a launcher. Used by
 * {@code ./runbox languages install|uninstall|available}. Runs on the host as root, never inside a box; nothing it
 * touches is a box's.
 */
package io.runbox.server.install;
