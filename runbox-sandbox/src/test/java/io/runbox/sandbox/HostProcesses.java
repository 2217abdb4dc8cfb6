package io.runbox.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the host's {@code /proc} to find processes a box left behind. */
final class HostProcesses {
    private HostProcesses() {
    }

    /** Host pids whose command line contains {@code marker}. */
    static List<String> withCommandLineContaining(String marker) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    if (cmdline.contains(marker)) {
                        found.add(p.getFileName() + ": " + cmdline.strip());
                    }
                } catch (IOException e) {
                    // The process ended while we looked.
                }
            }
        }
        return found;
    }

    /**
     * The cgroup directories (every hierarchy, under {@code /sys/fs/cgroup}) of the processes whose command line
     * ends with {@code commandLine}.
     */
    static List<Path> cgroupsOf(String commandLine) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (String found : withCommandLineContaining(commandLine)) {
            if (!found.endsWith(": " + commandLine)) {
                continue;
            }
            String pid = found.substring(0, found.indexOf(':'));
            try {
                for (String line : Files.readAllLines(Path.of("/proc", pid, "cgroup"))) {
                    String[] f = line.split(":", 3);
                    String controllers = f[1].isEmpty() ? "" : f[1].split(",")[0].replace("name=", "");
                    Path dir = Path.of("/sys/fs/cgroup", controllers, f[2].substring(1)).normalize();
                    if (f[2].contains("/box-")) {
                        dirs.add(dir);
                    }
                }
            } catch (IOException e) {
                // The process ended while we looked.
            }
        }
        return dirs;
    }
}
