package io.runbox.sandbox.cgroup;

import io.runbox.core.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cgroup v1: one hierarchy per controller ({@code memory}, {@code pids}, {@code cpu}, {@code cpuacct}, and
 * {@code freezer} when present), each with a {@code runbox} directory holding one directory per box.
 * Controllers that share a hierarchy ({@code cpu,cpuacct}) are joined once.
 */
public final class CgroupV1 implements CgroupDriver {
    static final List<String> REQUIRED = List.of("memory", "pids", "cpu", "cpuacct");
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final long CFS_PERIOD_US = 100_000;

    private final Map<String, Path> bases;

    /** @param root the cgroup mount root, {@code /sys/fs/cgroup} on a real host */
    public CgroupV1(Path root, String subtree) throws IOException {
        bases = new LinkedHashMap<>();
        List<String> controllers = new ArrayList<>(REQUIRED);
        if (Files.isDirectory(root.resolve("freezer"))) {
            controllers.add("freezer");
        }
        for (String c : controllers) {
            Path base = root.resolve(c).resolve(subtree);
            Files.createDirectories(base);
            bases.put(c, base);
        }
    }

    @Override
    public String describe() {
        return "cgroup v1";
    }

    @Override
    public int removeStale(java.util.function.Predicate<String> stale) throws IOException {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Path base : bases.values()) {
            try (java.util.stream.Stream<Path> dirs = Files.list(base)) {
                dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).filter(stale).forEach(names::add);
            }
        }
        int removed = 0;
        for (String name : names) {
            Map<String, Path> dirs = new LinkedHashMap<>();
            bases.forEach((c, base) -> dirs.put(c, base.resolve(name)));
            Box box = new Box(dirs);
            try (box) {
                box.killAll();
                removed++;
            } catch (NoSuchFileException gone) {
                // Another Runbox starting at the same time removed it first.
            }
        }
        return removed;
    }

    @Override
    public Cgroup create(String name, Limits limits) throws IOException {
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : bases.entrySet()) {
            Path dir = e.getValue().resolve(name);
            Files.createDirectories(dir);
            dirs.put(e.getKey(), dir);
        }
        Box box = new Box(dirs);
        try {
            box.apply(limits);
        } catch (IOException | RuntimeException e) {
            box.close();
            throw e;
        }
        return box;
    }

    private static final class Box implements Cgroup {
        private final Map<String, Path> dirs;

        Box(Map<String, Path> dirs) {
            this.dirs = dirs;
        }

        private Path file(String controller, String name) {
            return dirs.get(controller).resolve(name);
        }

        void apply(Limits limits) throws IOException {
            String mem = Long.toString(limits.memoryBytes());
            CgroupFiles.writeIfPresent(file("memory", "memory.swappiness"), "0");
            CgroupFiles.write(file("memory", "memory.limit_in_bytes"), mem);
            // Equal RAM and RAM+swap limits mean no swap at all; absent when the kernel has no swap accounting.
            CgroupFiles.writeIfPresent(file("memory", "memory.memsw.limit_in_bytes"), mem);
            CgroupFiles.write(file("pids", "pids.max"), Long.toString(limits.pids()));
            CgroupFiles.write(file("cpu", "cpu.cfs_period_us"), Long.toString(CFS_PERIOD_US));
            CgroupFiles.write(file("cpu", "cpu.cfs_quota_us"),
                    Long.toString(Math.max(1000, Math.round(limits.cpus() * CFS_PERIOD_US))));
        }

        @Override
        public List<Path> procsFiles() {
            Set<Path> seen = new LinkedHashSet<>();
            List<Path> files = new ArrayList<>();
            for (Path dir : dirs.values()) {
                Path real = realPath(dir);
                if (seen.add(real)) {
                    files.add(dir.resolve("cgroup.procs"));
                }
            }
            return files;
        }

        @Override
        public long currentMemory() throws IOException {
            return CgroupFiles.readLong(file("memory", "memory.usage_in_bytes"), 0);
        }

        @Override
        public CgroupUsage usage() throws IOException {
            long cpuNs = CgroupFiles.readLong(file("cpuacct", "cpuacct.usage"), 0);
            long peak = CgroupFiles.readLong(file("memory", "memory.max_usage_in_bytes"), 0);
            long ooms = CgroupFiles.readKey(file("memory", "memory.oom_control"), "oom_kill", 0);
            return new CgroupUsage(cpuNs / 1_000_000, peak, ooms > 0);
        }

        @Override
        public void killAll() throws IOException {
            Path procs = file("pids", "cgroup.procs");
            if (!Files.exists(procs)) {
                return;
            }
            Path freezer = dirs.containsKey("freezer") ? file("freezer", "freezer.state") : null;
            if (freezer != null && !CgroupFiles.pids(procs).isEmpty()) {
                // Frozen processes cannot fork between our read of the list and the kill.
                CgroupFiles.write(freezer, "FROZEN");
                for (long pid : CgroupFiles.pids(procs)) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
                CgroupFiles.write(freezer, "THAWED");
            }
            CgroupFiles.killUntilEmpty(procs, PATIENCE);
        }

        @Override
        public void close() throws IOException {
            IOException first = null;
            for (Path dir : dirs.values()) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try {
                    CgroupFiles.removeDir(dir, PATIENCE);
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }

        private static Path realPath(Path dir) {
            try {
                return dir.toRealPath();
            } catch (IOException e) {
                return dir.toAbsolutePath().normalize();
            }
        }
    }
}
