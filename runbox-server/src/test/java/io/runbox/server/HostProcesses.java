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
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).contains(marker);
                } catch (Exception e) {
                    return false;
                }
            }).count();
        }
    }
}
