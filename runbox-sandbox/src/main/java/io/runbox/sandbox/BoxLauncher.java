package io.runbox.sandbox;

import io.runbox.sandbox.cgroup.Cgroup;
import io.runbox.sandbox.cgroup.CgroupDriver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts boxes: takes a uid, hands the box's directory to it, creates the cgroup and starts
 * {@code runbox-boxlaunch} (join the cgroup, rlimits, drop to the uid), which execs bwrap, which runs
 * {@code runbox-boxexec}, which execs the command. Either for a known command, which then runs at once, or warm:
 * bwrap sets everything up and {@code runbox-boxexec} waits for the command.
 */
final class BoxLauncher {
    private final SandboxConfig config;
    private final CgroupDriver cgroups;
    private final UidPool uids;
    private final ProcessSpawner spawner = new ProcessSpawner();
    private final Path seccompFile;
    private final EtcSnapshots etc;
    private final Path argsDir;
    private final Path execShim;
    private final Path initShim;
    private final AtomicInteger openBoxes = new AtomicInteger();

    BoxLauncher(SandboxConfig config, CgroupDriver cgroups, UidPool uids, Path seccompFile, EtcSnapshots etc, Path argsDir,
                Path execShim, Path initShim) {
        this.config = config;
        this.cgroups = cgroups;
        this.uids = uids;
        this.seccompFile = seccompFile;
        this.etc = etc;
        this.argsDir = argsDir;
        this.execShim = execShim;
        this.initShim = initShim;
    }

    /** Where the sockets of reused boxes and the status files of their runs go: root's alone. */
    Path argsDir() {
        return argsDir;
    }

    /**
     * Starts a host process that must live as long as its box, from the launcher's long-lived thread (a parent-death
     * signal is tied to the thread that forked).
     */
    Process spawn(ProcessBuilder builder) throws IOException {
        return spawner.start(builder);
    }

    /** Boxes started and not closed yet: running a program, or set up ahead and waiting. */
    int openBoxes() {
        return openBoxes.get();
    }

    /** Starts {@code argv} in a box over {@code dir}, waiting for a free uid if all are taken. */
    LaunchedBox launch(BoxShape shape, Path dir, List<String> argv) throws IOException {
        int uid;
        try {
            uid = uids.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a free box", e);
        }
        return start(shape, dir, argv, uid);
    }

    /**
     * Sets up a box over {@code dir} that waits for its command ({@link LaunchedBox#release}), or returns
     * {@code null} at once when every uid is in use.
     */
    LaunchedBox launchWarm(BoxShape shape, Path dir) throws IOException {
        int uid = uids.tryAcquire();
        return uid < 0 ? null : start(shape, dir, null, uid, null);
    }

    /**
     * Starts a reused box ({@link ReusedBox}): {@code runbox-boxinit} listening at {@code socket}, seeing
     * {@code sharedPoint} (a {@link io.runbox.sandbox.fs.SharedMounts shared mount point}) at
     * {@link BwrapArgs#WORKSPACES}. Returns {@code null} at once when every uid is in use.
     */
    LaunchedBox launchReused(BoxShape shape, Path sharedPoint, Path socket) throws IOException {
        int uid = uids.tryAcquire();
        return uid < 0 ? null : start(shape, sharedPoint, null, uid, socket);
    }

    private LaunchedBox start(BoxShape shape, Path dir, List<String> argv, int uid) throws IOException {
        return start(shape, dir, argv, uid, null);
    }

    /** A box for {@code argv}, a warm box ({@code argv} null), or a reused box ({@code socket} given). */
    private LaunchedBox start(BoxShape shape, Path dir, List<String> argv, int uid, Path socket) throws IOException {
        boolean reused = socket != null;
        boolean warm = argv == null && !reused;
        String id = BoxNames.newName();
        Path argsFile = argsDir.resolve(id);
        Path statusFile = argsDir.resolve(id + ".status");
        Path fifo = warm ? argsDir.resolve(id + ".go") : null;
        List<Path> files = new ArrayList<>(List.of(argsFile, statusFile));
        if (warm) {
            files.add(fifo);
        }
        if (reused) {
            files.add(socket);
        }
        Cgroup cgroup = null;
        try {
            if (!reused) {
                Ownership.giveTree(dir, uid);
            }
            cgroup = cgroups.create(BoxNames.newName(), shape.limits());
            Path etcDir = etc.forShape(shape.root(), shape.extraPaths());
            writeNulTerminated(argsFile, reused
                    ? BwrapArgs.buildReused(config.readOnlyPaths(), etcDir, dir, shape, initShim)
                    : BwrapArgs.build(config.readOnlyPaths(), etcDir, dir, shape, execShim));
            Files.write(statusFile, new byte[0]);
            long started = System.nanoTime();
            ProcessBuilder pb = new ProcessBuilder(launcherArgv(shape, uid, cgroup, argsFile, statusFile, fifo, socket,
                    reused ? BwrapArgs.initCommand(shape) : BwrapArgs.command(argv)));
            pb.environment().clear();
            if (reused) {
                // runbox-boxinit never reads or writes its own stdio: the programs get theirs with each request.
                pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD);
            }
            Process process = spawner.start(pb);
            openBoxes.incrementAndGet();
            return new LaunchedBox(uid, uids, cgroup, process, dir, files, statusFile, fifo, started, openBoxes);
        } catch (IOException | RuntimeException e) {
            undo(uid, cgroup, files, e);
            throw e;
        }
    }

    private List<String> launcherArgv(BoxShape shape, int uid, Cgroup cgroup, Path argsFile, Path statusFile, Path fifo,
                                      Path socket, List<String> command) {
        List<String> argv = new ArrayList<>();
        argv.add(config.launcher().toString());
        argv.addAll(List.of("--status", BwrapArgs.STATUS_FD + "=" + statusFile));
        for (Path procs : cgroup.procsFiles()) {
            argv.addAll(List.of("--cgroup", procs.toString()));
        }
        argv.addAll(List.of("--uid", Integer.toString(uid), "--gid", Integer.toString(uid),
                "--rlimit", "fsize=" + shape.limits().fileSizeBytes(),
                "--rlimit", "nofile=" + shape.limits().openFiles(),
                "--rlimit", "core=0",
                "--fd", (socket != null ? BwrapArgs.INIT_SECCOMP_FD : BwrapArgs.SECCOMP_FD) + "=" + seccompFile,
                "--fd", BwrapArgs.ARGS_FD + "=" + argsFile));
        if (socket != null) {
            argv.addAll(List.of("--listen", BwrapArgs.LISTEN_FD + "=" + socket));
        }
        if (fifo != null) {
            argv.addAll(List.of("--fifo", BwrapArgs.RELEASE_FD + "=" + fifo));
        }
        argv.addAll(List.of("--", config.bwrap().toString(), "--args", Integer.toString(BwrapArgs.ARGS_FD), "--"));
        argv.addAll(command);
        return argv;
    }

    private void undo(int uid, Cgroup cgroup, List<Path> files, Exception cause) {
        try {
            if (cgroup != null) {
                cgroup.killAll();
                cgroup.close();
            }
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
        } finally {
            uids.release(uid);
        }
    }

    /** NUL-terminated strings, as bwrap's {@code --args} reads them; in the root-only arguments directory. */
    static void writeNulTerminated(Path file, List<String> args) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            if (a.indexOf('\0') >= 0) {
                throw new IOException("a box argument contains a NUL byte");
            }
            sb.append(a).append('\0');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }
}
