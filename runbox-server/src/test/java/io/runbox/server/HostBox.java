package io.runbox.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a box is on the host, read from {@code /proc} and {@code /sys/fs/cgroup} through one of its processes: its
 * host uid and its cgroup directories (v1: one per hierarchy; v2: one).
 */
record HostBox(int uid, List<Path> cgroups) {

    /** The box that process {@code pid} runs in. */
    static HostBox of(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        int uid = Files.readAllLines(proc.resolve("status")).stream().filter(l -> l.startsWith("Uid:"))
                .map(l -> Integer.parseInt(l.split("\\s+")[1])).findFirst().orElseThrow();
        List<Path> cgroups = new ArrayList<>();
        for (String line : Files.readAllLines(proc.resolve("cgroup"))) {
            String[] f = line.split(":", 3);
            if (!f[2].contains("/runbox/")) {
                continue;
            }
            Path base = f[1].isEmpty() ? Path.of("/sys/fs/cgroup") : Path.of("/sys/fs/cgroup", f[1].replace("name=", ""));
            cgroups.add(base.resolve(f[2].substring(1)));
        }
        return new HostBox(uid, List.copyOf(cgroups));
    }

    /** The first process whose command line contains {@code marker}. */
    static long pidWithMarker(String marker) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("cmdline"))).contains(marker);
                } catch (IOException e) {
                    return false;
                }
            }).mapToLong(p -> Long.parseLong(p.getFileName().toString())).findFirst().orElseThrow();
        }
    }

    /**
     * Host processes running as this box's uid that are this box's: in its cgroups, its launcher (which names its
     * cgroups and stays outside them), or in no box's cgroup at all (escaped). Boxes of other Runbox processes on
     * the host may take the uid as soon as it is free: processes in their cgroups and their launchers are theirs.
     */
    long processesOfItsUid() throws IOException {
        List<String> names = cgroups.stream().map(c -> c.getFileName().toString()).distinct().toList();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    boolean itsUid = Files.readAllLines(p.resolve("status")).stream()
                            .anyMatch(l -> l.startsWith("Uid:") && Integer.parseInt(l.split("\\s+")[1]) == uid);
                    if (!itsUid) {
                        return false;
                    }
                    List<Path> where = of(Long.parseLong(p.getFileName().toString())).cgroups();
                    if (where.stream().anyMatch(cgroups::contains)) {
                        return true;
                    }
                    String cmdline = Files.readString(p.resolve("cmdline"));
                    if (names.stream().anyMatch(cmdline::contains)) {
                        return true;
                    }
                    boolean aLauncher = Files.readString(p.resolve("comm")).strip().startsWith("runbox-boxlaunc");
                    return where.isEmpty() && !aLauncher;
                } catch (IOException | RuntimeException e) {
                    return false; // gone while we looked
                }
            }).count();
        }
    }

    /** This box's cgroup directories that still exist. */
    List<Path> cgroupsLeft() {
        return cgroups.stream().filter(c -> Files.exists(c, LinkOption.NOFOLLOW_LINKS)).toList();
    }

    /** The workspace of this JVM's boxes under the sandbox's state directory that holds a file named {@code name}. */
    static Path workspaceHolding(String name) throws IOException {
        String prefix = "box-" + ProcessHandle.current().pid() + "-";
        try (Stream<Path> boxes = Files.list(Path.of("/var/lib/runbox/boxes"))) {
            return boxes.filter(b -> b.getFileName().toString().startsWith(prefix))
                    .filter(b -> Files.exists(b.resolve(name), LinkOption.NOFOLLOW_LINKS)).findFirst().orElseThrow();
        }
    }

    /** Whether {@code dir} is a mount point in this process's mount namespace. */
    static boolean isMounted(Path dir) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .anyMatch(l -> l.split(" ")[4].equals(dir.toString()));
    }
}
