package io.runbox.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds this JVM's box cgroups by what the kernel holds for them (v1 memory hierarchy or v2 subtree). */
final class BoxCgroupFiles {
    private BoxCgroupFiles() {
    }

    /** Box cgroups of this JVM whose memory limit is {@code bytes}. */
    static List<Path> withMemoryLimit(long bytes) throws IOException {
        String prefix = "box-" + ProcessHandle.current().pid() + "-";
        List<Path> found = new ArrayList<>();
        for (Path limitFile : List.of(Path.of("/sys/fs/cgroup/memory/runbox"), Path.of("/sys/fs/cgroup/runbox"))) {
            if (!Files.isDirectory(limitFile)) {
                continue;
            }
            try (Stream<Path> boxes = Files.list(limitFile)) {
                for (Path box : boxes.filter(b -> b.getFileName().toString().startsWith(prefix)).toList()) {
                    for (String name : List.of("memory.limit_in_bytes", "memory.max")) {
                        Path f = box.resolve(name);
                        if (Files.exists(f) && limit(f).equals(Long.toString(bytes))) {
                            found.add(box);
                        }
                    }
                }
            }
        }
        return found;
    }

    /**
     * A cgroup's limit file, or "" when the cgroup went between listing and reading: a box being removed answers
     * ENODEV ("No such device") or is gone, and is no box of the shape any more.
     */
    private static String limit(Path file) throws IOException {
        try {
            return Files.readString(file).strip();
        } catch (java.nio.file.NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            if ("No such device".equals(e.getMessage())) {
                return "";
            }
            throw e;
        }
    }
}
