/**
 * The compile cache: what a successful compile left in its workspace, kept in memory under a digest of
 * everything the compile depended on, so that the same program compiled again skips its compile box.
 */
package io.runbox.execution.compile;
