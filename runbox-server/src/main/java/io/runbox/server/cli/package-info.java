/** The {@code runbox} command line (picocli): run a file, list languages, print the install plan. */
package io.runbox.server.cli;
