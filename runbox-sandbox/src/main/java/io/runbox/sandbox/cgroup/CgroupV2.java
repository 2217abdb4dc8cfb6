package io.runbox.sandbox.cgroup;

import io.runbox.core.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Cgroup v2: the unified hierarchy. Runbox owns {@code <root>/<subtree>}, enables the memory, pids and cpu
 * controllers for its children, and creates one child per box. Uses {@code memory.peak},
 * {@code memory.events}, {@code cpu.stat} and {@code cgroup.kill} where the kernel offers them.
 */
public final class CgroupV2 implements CgroupDriver {
    static final List<String> REQUIRED = List.of("memory", "pids", "cpu");
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final long CPU_PERIOD_US = 100_000;

    private final Path base;

    /** @param root the unified mount, {@code /sys/fs/cgroup} on a real host */
    public CgroupV2(Path root, String subtree) throws IOException {
        String available = CgroupFiles.read(root.resolve("cgroup.controllers"));
        List<String> have = List.of(available.split("\\s+"));
        for (String c : REQUIRED) {
            if (!have.contains(c)) {
                throw new IOException("cgroup v2 at " + root + " lacks the " + c + " controller (has: " + available + ")");
            }
        }
        base = root.resolve(subtree);
        Files.createDirectories(base);
        String enable = "+memory +pids +cpu";
        CgroupFiles.write(root.resolve("cgroup.subtree_control"), enable);
        CgroupFiles.write(base.resolve("cgroup.subtree_control"), enable);
    }

    @Override
    public String describe() {
        return "cgroup v2";
    }

    @Override
    public int removeStale(java.util.function.Predicate<String> stale) throws IOException {
        java.util.List<Path> found;
        try (java.util.stream.Stream<Path> dirs = Files.list(base)) {
            found = dirs.filter(Files::isDirectory).filter(d -> stale.test(d.getFileName().toString())).toList();
        }
        int removed = 0;
        for (Path dir : found) {
            try (Box box = new Box(dir)) {
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
        Path dir = base.resolve(name);
        Files.createDirectories(dir);
        Box box = new Box(dir);
        try {
            box.apply(limits);
        } catch (IOException | RuntimeException e) {
            box.close();
            throw e;
        }
        return box;
    }

    private record Box(Path dir) implements Cgroup {

        void apply(Limits limits) throws IOException {
            CgroupFiles.write(dir.resolve("memory.max"), Long.toString(limits.memoryBytes()));
            CgroupFiles.writeIfPresent(dir.resolve("memory.swap.max"), "0");
            // An OOM kills the whole box, not one process of it, so no half-dead tree keeps running.
            CgroupFiles.writeIfPresent(dir.resolve("memory.oom.group"), "1");
            CgroupFiles.write(dir.resolve("pids.max"), Long.toString(limits.pids()));
            long quota = Math.max(1000, Math.round(limits.cpus() * CPU_PERIOD_US));
            CgroupFiles.write(dir.resolve("cpu.max"), quota + " " + CPU_PERIOD_US);
        }

        @Override
        public List<Path> procsFiles() {
            return List.of(dir.resolve("cgroup.procs"));
        }

        @Override
        public long currentMemory() throws IOException {
            return CgroupFiles.readLong(dir.resolve("memory.current"), 0);
        }

        @Override
        public CgroupUsage usage() throws IOException {
            long cpuUs = CgroupFiles.readKey(dir.resolve("cpu.stat"), "usage_usec", 0);
            long peak = CgroupFiles.readLong(dir.resolve("memory.peak"), -1);
            if (peak < 0) {
                peak = CgroupFiles.readLong(dir.resolve("memory.current"), 0);
            }
            long ooms = CgroupFiles.readKey(dir.resolve("memory.events"), "oom_kill", 0);
            return new CgroupUsage(cpuUs / 1000, peak, ooms > 0);
        }

        @Override
        public void killAll() throws IOException {
            Path procs = dir.resolve("cgroup.procs");
            Path kill = dir.resolve("cgroup.kill");
            if (Files.exists(kill)) {
                CgroupFiles.write(kill, "1");
            } else if (Files.exists(dir.resolve("cgroup.freeze")) && !CgroupFiles.pids(procs).isEmpty()) {
                CgroupFiles.write(dir.resolve("cgroup.freeze"), "1");
                for (long pid : CgroupFiles.pids(procs)) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
                CgroupFiles.write(dir.resolve("cgroup.freeze"), "0");
            }
            CgroupFiles.killUntilEmpty(procs, PATIENCE);
        }

        @Override
        public void close() throws IOException {
            CgroupFiles.removeDir(dir, PATIENCE);
        }
    }
}
