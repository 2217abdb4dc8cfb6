package io.runbox.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Counts processes in the box cgroups this JVM's sandbox created (v1 pids hierarchy or v2 subtree), leaving out
 * boxes set up ahead of a request that still wait for it: every process in such a box is bubblewrap itself or
 * {@code runbox-boxexec} waiting for its command (run with no arguments).
 */
final class BoxCgroups {
    private BoxCgroups() {
    }

    static long processesInBoxesOfThisJvm() throws IOException {
        String prefix = "box-" + ProcessHandle.current().pid() + "-";
        long n = 0;
        for (Path base : List.of(Path.of("/sys/fs/cgroup/pids/runbox"), Path.of("/sys/fs/cgroup/runbox"))) {
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> boxes = Files.list(base)) {
                for (Path box : boxes.filter(b -> b.getFileName().toString().startsWith(prefix)).toList()) {
                    Path procs = box.resolve("cgroup.procs");
                    if (!Files.exists(procs)) {
                        continue;
                    }
                    List<String> pids = Files.readAllLines(procs).stream().filter(l -> !l.isBlank()).toList();
                    if (!pids.stream().allMatch(BoxCgroups::isWaiting)) {
                        n += pids.size();
                    }
                }
            }
        }
        return n;
    }

    private static boolean isWaiting(String pid) {
        try {
            Path proc = Path.of("/proc", pid.strip());
            return Files.readString(proc.resolve("comm")).strip().equals("bwrap")
                    || Files.readString(proc.resolve("cmdline")).equals("/.runbox/exec\0");
        } catch (IOException e) {
            return true; // gone while we looked
        }
    }
}
