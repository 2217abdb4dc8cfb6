package io.runbox.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What this process's standard input is, as Linux shows it in {@code /proc/self/fd/0}. */
final class StandardInput {
    private static final Path FD0 = Path.of("/proc/self/fd/0");

    private StandardInput() {
    }

    /**
     * Whether standard input is a pipe, a socket or a regular file: input someone gave on purpose. A terminal,
     * {@code /dev/null} or a closed descriptor is not.
     */
    static boolean isPipeOrFile() {
        try {
            String target = Files.readSymbolicLink(FD0).toString();
            return target.startsWith("pipe:") || target.startsWith("socket:") || Files.isRegularFile(FD0);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
