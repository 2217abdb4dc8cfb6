package io.runbox.bench;

import io.runbox.bench.BoxModes.Mode;
import io.runbox.core.BoxCommand;
import io.runbox.core.BoxResult;
import io.runbox.core.Limits;
import io.runbox.core.Sandbox;
import io.runbox.core.Workspace;
import io.runbox.sandbox.BubblewrapSandbox;
import io.runbox.sandbox.Ownership;
import io.runbox.sandbox.SandboxConfig;
import io.runbox.sandbox.cgroup.Cgroup;
import io.runbox.sandbox.cgroup.CgroupDetector;
import io.runbox.sandbox.cgroup.CgroupDriver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Where one box's time goes. Rebuilds the sandbox's steps one at a time from the outside, each started from
 * this JVM with {@link ProcessBuilder} exactly as the sandbox starts a box, and measures them round-robin so
 * that drift hits every step alike:
 * <ul>
 *   <li>spawning {@code /bin/true} bare, then through the launcher (rlimits, seccomp fd, setuid), then through the
 *       launcher joining a fresh cgroup (the write to {@code cgroup.procs} can wait for an RCU grace period on
 *       kernels without {@code favordynmods});</li>
 *   <li>bubblewrap with only a user and mount namespace, with the engine's namespaces, with the engine's whole
 *       command line, and with that command line minus one option at a time (network namespace, nested
 *       user-namespace lock, seccomp, {@code /proc}/{@code /dev}/{@code /tmp});</li>
 *   <li>the cgroup's create (mkdir and limit writes), kill-sweep, accounting read and rmdir, with no process;</li>
 *   <li>handing the workspace to the box uid (chown), and a whole {@code Sandbox.run} of {@code /bin/true} in a
 *       new box, in a warm box (set up ahead; after each, the step waits for its replacement) and in a reused box
 *       (long-lived, the run made fresh inside it; see {@link BoxModes}).</li>
 * </ul>
 * The launcher and bubblewrap command lines are rebuilt here from {@code BubblewrapSandbox} and
 * {@code BwrapArgs} (package-private in runbox-sandbox), bwrap's options passed through a descriptor
 * ({@code --args}) as there; keep the two in step.
 */
final class Breakdown {
    private static final int BOX_UID = 1000;
    private static final int SECCOMP_FD = 10;
    private static final int ARGS_FD = 11;
    private static final String TRUE = "/bin/true";

    private final SandboxConfig config;
    private final BoxModes modes;
    /** The sandbox whose workspaces the manual steps use: a new box per run. */
    private final Sandbox sandbox;
    private final Limits limits;
    private final Map<String, String> env;
    private final Path seccompFile;
    private final Path etcDir;
    /** Where bwrap's option files go, root-only, as the sandbox's {@code args} directory. */
    private Path argsDir;
    /** A host uid just past the sandbox's pool, so manual boxes never share an owner with the sandbox's. */
    private final int hostUid;

    Breakdown(SandboxConfig config, BoxModes modes, Limits limits, Map<String, String> env) {
        this.config = config;
        this.modes = modes;
        this.sandbox = modes.sandbox(Mode.NEW);
        this.limits = limits;
        this.env = env;
        this.seccompFile = BubblewrapSandbox.seccompFile(config.stateDir());
        this.etcDir = BubblewrapSandbox.etcSnapshot(config.stateDir());
        this.hostUid = config.firstUid() + config.uidCount();
    }

    /** One sample of one step, in nanoseconds. */
    @FunctionalInterface
    interface Step {
        long measure() throws IOException;
    }

    /** The measured steps, by label, in print order. */
    record Result(Map<String, Stats> stats) {
        double p50(String label) {
            Stats s = stats.get(label);
            return s == null ? Double.NaN : s.p50();
        }

        double mean(String label) {
            Stats s = stats.get(label);
            return s == null ? Double.NaN : s.mean();
        }
    }

    static final String SPAWN = "ProcessBuilder /bin/true (bare)";
    static final String LAUNCHER = "launcher -> /bin/true";
    static final String JOIN = "launcher + cgroup join -> /bin/true";
    static final String BWRAP_MIN = "launcher -> bwrap (userns+mountns, --ro-bind / /)";
    static final String BWRAP_NS = "launcher -> bwrap engine namespaces, --ro-bind / /";
    static final String BWRAP_NS_NONET = "  same, without network namespace";
    static final String FULL = "launcher -> bwrap engine argv";
    static final String FULL_NONET = "  engine argv without --unshare-net";
    static final String FULL_NOUSERNS_LOCK = "  engine argv without --disable-userns";
    static final String FULL_NOSECCOMP = "  engine argv without seccomp";
    static final String FULL_NOPROC = "  engine argv without --proc/--dev/--tmpfs";
    static final String CG_CREATE = "cgroup create (mkdir, limit writes)";
    static final String CG_KILL = "cgroup killAll (empty)";
    static final String CG_USAGE = "cgroup usage read";
    static final String CG_REMOVE = "cgroup remove (rmdir)";
    static final String CHOWN = "chown workspace to box uid";
    static final String WS = "workspace create + delete";
    static final String SANDBOX_RUN = "Sandbox.run(/bin/true), new box";
    static final String WARM_RUN = "Sandbox.run(/bin/true), warm box";
    static final String REUSED_RUN = "Sandbox.run(/bin/true), reused box";

    Result run(int warmup, int runs) throws IOException {
        CgroupDriver cgroups = CgroupDetector.open(config.cgroupRoot(), config.cgroupSubtree());
        argsDir = Files.createTempDirectory("runbox-bench-args");
        argsDir.toFile().deleteOnExit(); // each step removes its own file
        // A warm run continues its workspace in the box's tmpfs (a new directory): each mode gets a workspace of its own.
        try (Workspace ws = sandbox.newWorkspace(); Workspace warmWs = modes.sandbox(Mode.WARM).newWorkspace();
             Workspace reusedWs = modes.sandbox(Mode.REUSED).newWorkspace()) {
            try (io.runbox.sandbox.fs.BoxTree tree = io.runbox.sandbox.fs.BoxTree.open(ws.dir())) {
                tree.writeFile("main.c", "int main(void) { return 0; }\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0644);
            }
            Ownership.giveTree(ws.dir(), hostUid);
            Path dir = ws.dir();

            Map<String, Step> steps = new LinkedHashMap<>();
            steps.put(SPAWN, () -> timed(List.of(TRUE), dir));
            steps.put(LAUNCHER, () -> timed(launcher(true, null, List.of(TRUE)), dir));
            steps.put(JOIN, () -> {
                Cgroup c = cgroups.create("bench-" + UUID.randomUUID(), limits);
                try {
                    List<String> plain = launcher(true, null, List.of(TRUE));
                    List<String> argv = new ArrayList<>(plain.subList(0, 1));
                    for (Path procs : c.procsFiles()) {
                        argv.addAll(List.of("--cgroup", procs.toString()));
                    }
                    argv.addAll(plain.subList(1, plain.size()));
                    return timed(argv, dir);
                } finally {
                    c.killAll();
                    c.close();
                }
            });
            steps.put(BWRAP_MIN, () -> timed(launcher(false, null, List.of(config.bwrap().toString(),
                    "--ro-bind", "/", "/", "--chdir", dir.toString(), TRUE)), dir));
            steps.put(BWRAP_NS, () -> timed(launcher(false, null, namespacesOnly(true)), dir));
            steps.put(BWRAP_NS_NONET, () -> timed(launcher(false, null, namespacesOnly(false)), dir));
            steps.put(FULL, () -> timedBox(dir, Variant.FULL));
            steps.put(FULL_NONET, () -> timedBox(dir, Variant.NO_NET));
            steps.put(FULL_NOUSERNS_LOCK, () -> timedBox(dir, Variant.NO_USERNS_LOCK));
            steps.put(FULL_NOSECCOMP, () -> timedBox(dir, Variant.NO_SECCOMP));
            steps.put(FULL_NOPROC, () -> timedBox(dir, Variant.NO_PROC_DEV_TMP));

            // The four cgroup phases are one sample each of a single create/kill/read/remove cycle.
            long[] cg = new long[4];
            steps.put(CG_CREATE, () -> {
                long t0 = System.nanoTime();
                Cgroup c = cgroups.create("bench-" + UUID.randomUUID(), limits);
                long t1 = System.nanoTime();
                c.killAll();
                long t2 = System.nanoTime();
                c.usage();
                long t3 = System.nanoTime();
                c.close();
                long t4 = System.nanoTime();
                cg[1] = t2 - t1;
                cg[2] = t3 - t2;
                cg[3] = t4 - t3;
                return t1 - t0;
            });
            steps.put(CG_KILL, () -> cg[1]);
            steps.put(CG_USAGE, () -> cg[2]);
            steps.put(CG_REMOVE, () -> cg[3]);
            steps.put(CHOWN, () -> {
                long t0 = System.nanoTime();
                Ownership.giveTree(dir, hostUid);
                return System.nanoTime() - t0;
            });
            steps.put(WS, () -> {
                long t0 = System.nanoTime();
                Workspace w = sandbox.newWorkspace();
                try (io.runbox.sandbox.fs.BoxTree tree = io.runbox.sandbox.fs.BoxTree.open(w.dir())) {
                    tree.writeFile("main.c", "int main(void) { return 0; }\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0644);
                }
                w.close();
                return System.nanoTime() - t0;
            });
            steps.put(SANDBOX_RUN, () -> {
                long t = modes.timed(Mode.NEW, in -> runTrue(in, ws));
                Ownership.giveTree(ws.dir(), hostUid); // back to the manual steps' uid, which run in it
                return t;
            });
            steps.put(WARM_RUN, () -> modes.timed(Mode.WARM, in -> runTrue(in, warmWs)));
            steps.put(REUSED_RUN, () -> modes.timed(Mode.REUSED, in -> runTrue(in, reusedWs)));

            Map<String, List<Long>> samples = new LinkedHashMap<>();
            steps.keySet().forEach(k -> samples.put(k, new ArrayList<>()));
            for (int i = 0; i < warmup + runs; i++) {
                for (Map.Entry<String, Step> e : steps.entrySet()) {
                    long ns = e.getValue().measure();
                    if (i >= warmup) {
                        samples.get(e.getKey()).add(ns);
                    }
                }
            }
            Map<String, Stats> stats = new LinkedHashMap<>();
            samples.forEach((k, v) -> stats.put(k, Stats.of(v)));
            return new Result(stats);
        }
    }

    private long timed(List<String> argv, Path dir) throws IOException {
        long t0 = System.nanoTime();
        BareProcess.Result r = BareProcess.run(argv, dir, env, null);
        long t = System.nanoTime() - t0;
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", argv) + " exited " + r.exitCode() + ": " + r.err().strip());
        }
        return t;
    }

    /**
     * The launcher's command line as the sandbox builds it, minus the cgroup join: rlimits, the seccomp filter
     * (when {@code seccomp}) and bwrap's option file (when {@code args} is set) opened on their descriptors.
     */
    private List<String> launcher(boolean seccomp, Path args, List<String> command) {
        List<String> a = new ArrayList<>(List.of(config.launcher().toString(),
                "--uid", Integer.toString(hostUid), "--gid", Integer.toString(hostUid),
                "--rlimit", "fsize=" + limits.fileSizeBytes(),
                "--rlimit", "nofile=" + limits.openFiles(),
                "--rlimit", "core=0"));
        if (seccomp) {
            a.addAll(List.of("--fd", SECCOMP_FD + "=" + seccompFile));
        }
        if (args != null) {
            a.addAll(List.of("--fd", ARGS_FD + "=" + args));
        }
        a.add("--");
        a.addAll(command);
        return a;
    }

    /** One {@code Sandbox.run} of {@code /bin/true} over {@code ws}, checked to have exited 0. */
    private void runTrue(Sandbox in, Workspace ws) throws IOException {
        BoxResult r = in.run(ws, new BoxCommand(List.of(TRUE), env, null, limits));
        if (r.exitCode() != 0) {
            throw new IOException("sandboxed /bin/true exited " + r.exitCode() + ": " + new String(r.stderr()));
        }
    }

    /** One box of the engine's command line with {@code v} applied, options passed by descriptor as the sandbox does. */
    private long timedBox(Path dir, Variant v) throws IOException {
        Path args = argsDir.resolve(UUID.randomUUID().toString());
        StringBuilder sb = new StringBuilder();
        for (String o : bwrapOptions(dir, v)) {
            sb.append(o).append('\0');
        }
        Files.writeString(args, sb, StandardCharsets.UTF_8);
        try {
            return timed(launcher(v != Variant.NO_SECCOMP, args,
                    List.of(config.bwrap().toString(), "--args", Integer.toString(ARGS_FD), "--", TRUE)), dir);
        } finally {
            Files.deleteIfExists(args);
        }
    }

    private static List<String> namespaceFlags(boolean net) {
        List<String> a = new ArrayList<>();
        if (net) {
            a.add("--unshare-all");
        } else {
            a.addAll(List.of("--unshare-ipc", "--unshare-pid", "--unshare-uts", "--unshare-cgroup-try"));
        }
        a.addAll(List.of("--unshare-user", "--disable-userns", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                "--hostname", "runbox", "--uid", Integer.toString(BOX_UID), "--gid", Integer.toString(BOX_UID)));
        return a;
    }

    private List<String> namespacesOnly(boolean net) {
        List<String> a = new ArrayList<>(List.of(config.bwrap().toString()));
        a.addAll(namespaceFlags(net));
        a.addAll(List.of("--ro-bind", "/", "/", TRUE));
        return a;
    }

    enum Variant { FULL, NO_NET, NO_USERNS_LOCK, NO_SECCOMP, NO_PROC_DEV_TMP }

    /** {@code BwrapArgs.build}: bwrap's options (the command follows on its command line), with {@code v} applied. */
    private List<String> bwrapOptions(Path workspace, Variant v) throws IOException {
        List<String> a = namespaceFlags(v != Variant.NO_NET);
        if (v == Variant.NO_USERNS_LOCK) {
            a.remove("--disable-userns");
        }
        for (Path p : config.readOnlyPaths()) {
            if (p.startsWith("/etc")) {
                continue; // in the prepared /etc, as the sandbox binds it
            }
            if (Files.isSymbolicLink(p)) {
                a.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), p.toString()));
            } else if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                a.addAll(List.of("--ro-bind", p.toString(), p.toString()));
            }
        }
        a.addAll(List.of("--ro-bind", etcDir.toString(), "/etc"));
        if (v != Variant.NO_PROC_DEV_TMP) {
            a.addAll(List.of("--proc", "/proc", "--dev", "/dev",
                    "--size", Long.toString(limits.memoryBytes()), "--perms", "1777", "--tmpfs", "/tmp"));
        }
        a.addAll(List.of("--bind", workspace.toString(), BoxCommand.BOX_DIR, "--chdir", BoxCommand.BOX_DIR,
                "--remount-ro", "/", "--clearenv"));
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            a.addAll(List.of("--setenv", e.getKey(), e.getValue()));
        }
        if (v != Variant.NO_SECCOMP) {
            a.addAll(List.of("--seccomp", Integer.toString(SECCOMP_FD)));
        }
        return a;
    }
}
