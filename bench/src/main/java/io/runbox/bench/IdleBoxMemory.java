package io.runbox.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The memory the idle boxes hold: the sum of the memory cgroups' charge ({@code memory.usage_in_bytes} on
 * cgroup v1, {@code memory.current} on v2: the boxes' processes plus the page cache and kernel memory charged to
 * them) of every box cgroup under the {@code runbox} subtree whose name starts with {@code prefix}. Taken when
 * no request runs, every such cgroup is an idle box's: a warm box set up ahead, a reused box between runs (its
 * init's cgroup), or the run a reused box pre-started for its next request (its runtime, waiting). A served run's
 * own cgroup is removed when the run ends. {@link Snapshot#boxes()} counts the cgroups.
 */
final class IdleBoxMemory {
    private static final List<Path> SUBTREES = List.of(Path.of("/sys/fs/cgroup/memory/runbox"), Path.of("/sys/fs/cgroup/runbox"));

    private IdleBoxMemory() {
    }

    record Snapshot(int boxes, long bytes) {
        double megabytes() {
            return bytes / (1024.0 * 1024.0);
        }
    }

    static Snapshot of(String prefix) throws IOException {
        for (Path subtree : SUBTREES) {
            if (Files.isDirectory(subtree)) {
                return sum(subtree, prefix);
            }
        }
        return new Snapshot(0, 0);
    }

    private static Snapshot sum(Path subtree, String prefix) throws IOException {
        int boxes = 0;
        long bytes = 0;
        try (Stream<Path> dirs = Files.list(subtree)) {
            for (Path d : dirs.filter(Files::isDirectory).filter(d -> d.getFileName().toString().startsWith(prefix)).toList()) {
                for (String file : List.of("memory.usage_in_bytes", "memory.current")) {
                    try {
                        bytes += Long.parseLong(Files.readString(d.resolve(file)).trim());
                        boxes++;
                        break;
                    } catch (IOException e) {
                        // Not this cgroup version's file, or the box went between the listing and the read.
                    }
                }
            }
        }
        return new Snapshot(boxes, bytes);
    }
}
