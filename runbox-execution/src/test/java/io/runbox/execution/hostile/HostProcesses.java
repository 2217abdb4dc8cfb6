package io.runbox.execution.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the host's {@code /proc} says about processes: which ones run as a box uid, which carry a marker in
 * their command line. Reads {@code /proc} directly (the test runs as root on the host), so it sees every
 * process whatever namespace it lives in.
 */
public final class HostProcesses {
    private static final Path PROC = Path.of("/proc");

    private HostProcesses() {
    }

    /**
     * A host process.
     *
     * @param pid     host pid
     * @param uids    the real, effective, saved and filesystem uids of its {@code Uid:} line
     * @param name    its {@code Name:}
     * @param state   the letter of its {@code State:} ({@code Z} for a zombie)
     * @param cmdline its command line, NULs as spaces
     * @param cgroups its {@code /proc/PID/cgroup}, one line per hierarchy
     */
    public record Proc(long pid, List<Integer> uids, String name, String state, String cmdline, List<String> cgroups) {
        /**
         * An exited process its parent has not reaped yet: it runs no code and holds nothing but a pid. On
         * cgroup v1 the kernel moves exiting tasks to the root cgroup, so a box's zombie shows up there.
         */
        public boolean zombie() {
            return state.equals("Z") || state.equals("X");
        }

        /**
         * Whether it sits in a cgroup of a box that is still running ({@code .../runbox/box-<uuid>}). A run's
         * cgroup is removed before {@code RequestRunner.execute} returns (rmdir fails while a process is in it, and
         * the engine then reports an internal error), so such a process belongs to some other run that is
         * still going, for instance another Runbox on this host, never to a run that already finished.
         */
        public boolean inLiveBoxCgroup() {
            // The pids hierarchy on cgroup v1, the unified one ("0::") on v2.
            String line = cgroups.stream().filter(l -> l.matches("^\\d+:([^:]*,)?pids(,[^:]*)?:.*")).findFirst()
                    .orElseGet(() -> cgroups.stream().filter(l -> l.startsWith("0::")).findFirst().orElse(""));
            return line.matches("^\\d+:[^:]*:.*/box-\\d+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
        }

        /**
         * Whether it is the outer half of {@code runbox-boxlaunch} for a box that still exists: it stays outside
         * the box's cgroup (so that killing the box does not kill it) and reaps the box when it ends. A box set
         * up ahead of its request (a warm box) has one waiting with it.
         */
        public boolean launcherOfLiveBox() {
            if (!name.startsWith("runbox-boxlaunc")) {
                return false;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("--cgroup (\\S+)/cgroup\\.procs").matcher(cmdline);
            return m.find() && java.nio.file.Files.isDirectory(java.nio.file.Path.of(m.group(1)));
        }

        @Override
        public String toString() {
            return "pid " + pid + " state " + state + " uids " + uids + " name '" + name + "' cmdline '" + cmdline
                    + "' cgroups " + cgroups;
        }
    }

    /** Every process whose real, effective, saved or filesystem uid is in {@code [firstUid, firstUid+count)}. */
    public static List<Proc> withUidIn(int firstUid, int count) {
        List<Proc> found = new ArrayList<>();
        for (Proc p : all()) {
            if (p.uids().stream().anyMatch(u -> u >= firstUid && u < firstUid + count)) {
                found.add(p);
            }
        }
        return found;
    }

    /** Every process whose command line or name contains {@code text}. */
    public static List<Proc> withCmdlineContaining(String text) {
        long self = ProcessHandle.current().pid();
        return all().stream().filter(p -> p.pid() != self)
                .filter(p -> p.cmdline().contains(text) || p.name().contains(text)).toList();
    }

    /** A snapshot of every process; ones that vanish while being read are skipped. */
    public static List<Proc> all() {
        List<Proc> procs = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path dir : dirs) {
                Proc p = read(dir);
                if (p != null) {
                    procs.add(p);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
        return procs;
    }

    private static Proc read(Path dir) {
        try {
            List<Integer> uids = new ArrayList<>();
            String name = "";
            String state = "?";
            for (String line : Files.readAllLines(dir.resolve("status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    for (String f : line.substring(4).trim().split("\\s+")) {
                        uids.add(Integer.parseInt(f));
                    }
                } else if (line.startsWith("Name:")) {
                    name = line.substring(5).trim();
                } else if (line.startsWith("State:")) {
                    state = line.substring(6).trim().substring(0, 1);
                }
            }
            String cmdline = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').trim();
            List<String> cgroups = Files.readAllLines(dir.resolve("cgroup"), StandardCharsets.UTF_8);
            return new Proc(Long.parseLong(dir.getFileName().toString()), List.copyOf(uids), name, state, cmdline,
                    List.copyOf(cgroups));
        } catch (IOException | RuntimeException e) {
            return null; // exited while we looked
        }
    }
}
