package io.runbox.server;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Host processes whose command line contains a marker, read from {@code /proc}. */
final class HostProcesses {
    private HostProcesses() {
    }

    static long withMarker(String marker) throws Exception {
        try (Stream<Path> procs = marked(marker)) {
            return procs.count();
        }
    }

    /** Kills (SIGKILL) the processes whose command line contains {@code marker}. */
    static void killWithMarker(String marker) throws Exception {
        try (Stream<Path> procs = marked(marker)) {
            procs.forEach(p -> ProcessHandle.of(Long.parseLong(p.getFileName().toString()))
                    .ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    private static Stream<Path> marked(String marker) throws Exception {
        return Files.list(Path.of("/proc")).filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
            try {
                return new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).contains(marker);
            } catch (Exception e) {
                return false;
            }
        });
    }
}
