package io.runbox.sandbox;

import io.runbox.core.BoxCommand;
import io.runbox.core.BoxResult;
import io.runbox.core.Sandbox;
import io.runbox.core.Workspace;
import io.runbox.sandbox.cgroup.CgroupDetector;
import io.runbox.sandbox.cgroup.CgroupDriver;
import io.runbox.sandbox.cgroup.CgroupTuning;
import io.runbox.sandbox.seccomp.DenyList;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import io.runbox.sandbox.fs.BoxTree;
import io.runbox.sandbox.fs.Tmpfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * {@link Sandbox} on bubblewrap and cgroups. Each run gets a box of its own: a uid, a cgroup and bwrap's
 * namespaces over the workspace (see {@link BoxLauncher}, {@link BoxRun}). Each workspace is a tmpfs of its own
 * ({@link TmpfsWorkspace}). A run takes a box set up ahead for its shape when one is ready ({@link WarmBoxes}):
 * its workspace's files are copied into that box's tmpfs through the safe file layer, and the workspace
 * continues there after the run. With reused boxes on (the default), a run takes a long-lived box that makes the
 * run fresh inside it ({@link ReusedBox}, {@link ReusedBoxes}) and no box is set up ahead. A run whose caller uses the
 * workspace while it runs (a session) starts a box over the workspace itself, as does every run when neither kind
 * of box can be had.
 */
public final class BubblewrapSandbox implements Sandbox {
    private static final Duration WARM_IDLE_LIMIT = Duration.ofMinutes(5);
    /** A reused box retires after this many runs or this long, whatever happened: nothing lives forever. */
    private static final int REUSED_MAX_RUNS = 1000;
    private static final Duration REUSED_MAX_AGE = Duration.ofMinutes(10);

    private final CgroupDriver cgroups;
    private final BoxLauncher launcher;
    private final WarmBoxes warm;
    private final ReusedBoxes reused;
    /** Starts the next run of a box that just served one ahead of its request, off the request's thread. */
    private final java.util.concurrent.ExecutorService prestarter = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "runbox-prestart");
                t.setDaemon(true);
                return t;
            });
    private final boolean prestartRuntimes;
    private final java.util.concurrent.atomic.AtomicLong prestartedRuns = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong aheadRuns = new java.util.concurrent.atomic.AtomicLong();
    private final Path boxesDir;
    private final String version;

    private BubblewrapSandbox(CgroupDriver cgroups, BoxLauncher launcher, WarmBoxes warm, ReusedBoxes reused,
                              boolean prestartRuntimes, Path boxesDir, String version) {
        this.prestartRuntimes = prestartRuntimes;
        this.cgroups = cgroups;
        this.launcher = launcher;
        this.warm = warm;
        this.reused = reused;
        this.boxesDir = boxesDir;
        this.version = version;
    }

    /**
     * Checks the host and prepares the state directory.
     *
     * @throws SandboxUnavailableException naming what is missing (bwrap, the launcher, root, cgroups)
     */
    public static BubblewrapSandbox create(SandboxConfig config) throws SandboxUnavailableException {
        SandboxPreflight.Result ok = SandboxPreflight.check(config);
        Path state = config.stateDir();
        try {
            Files.createDirectories(state);
        } catch (IOException e) {
            throw new SandboxUnavailableException("cannot create the sandbox state directory " + state + ": "
                    + e.getMessage(), e);
        }
        // Several Runbox processes may start at once (a server and CLI runs): one at a time sets the host up.
        try (FileChannel lockFile = FileChannel.open(state.resolve("setup.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            Path boxes = state.resolve("boxes");
            Path args = state.resolve("args");
            Files.createDirectories(boxes);
            Files.createDirectories(args, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            WorkspaceMount.ensureTmpfs(boxes);
            Tmpfs.makePrivate(boxes);
            BoxNames.sweep(ok.cgroups(), boxes, args);
            CgroupTuning.favorDynamicModifications(CgroupDetector.detect(config.cgroupRoot()), config.cgroupRoot(), state);
            EtcSnapshots etc = new EtcSnapshots(state, config.readOnlyPaths(), BwrapArgs.BOX_UID);
            Path seccomp = seccompFile(state);
            writeAtomically(seccomp, DenyList.forCurrentArch().toBytes(), "rw-r--r--");
            Path execShim = stateCopy(state, config.execShim());
            Path initShim = stateCopy(state, config.initShim());
            UidPool uids = new UidPool(config.firstUid(), config.uidCount(), state.resolve("uids"));
            BoxLauncher launcher = new BoxLauncher(config, ok.cgroups(), uids, seccomp, etc, args, execShim, initShim);
            // Reused boxes serve every run a warm box could, and better: with them, no box is set up ahead.
            WarmBoxes warm = new WarmBoxes(launcher, boxes, WorkspaceBudget.DEFAULT,
                    config.reuseBoxes() ? 0 : config.warmBoxes(), WARM_IDLE_LIMIT);
            ReusedBoxes reused = config.reuseBoxes() ? new ReusedBoxes(launcher, boxes, Math.max(1, config.warmBoxes()),
                    REUSED_MAX_RUNS, REUSED_MAX_AGE, WARM_IDLE_LIMIT) : null;
            return new BubblewrapSandbox(ok.cgroups(), launcher, warm, reused, config.prestartRuntimes(), boxes,
                    ok.bwrapVersion());
        } catch (IOException e) {
            throw new SandboxUnavailableException("cannot prepare the sandbox state directory " + state + ": " + e, e);
        }
    }

    /**
     * The {@code /etc} boxes of this process's first sandbox see, under {@code stateDir}, once a sandbox was created
     * here (boxes whose paths name {@code /etc} entries of their own see a copy of it with those added; a later
     * sandbox's boxes see a copy of their own).
     */
    public static Path etcSnapshot(Path stateDir) {
        return EtcSnapshot.dirOfThisProcess(stateDir);
    }

    /** Where this build's seccomp filter lives in {@code stateDir} (see {@link #contentNamed}). */
    public static Path seccompFile(Path stateDir) {
        return contentNamed(stateDir, "seccomp-", DenyList.forCurrentArch().toBytes(), ".bpf");
    }

    /**
     * A file in the shared state directory named after its content: another Runbox version on the same host (an
     * upgrade beside a running service, another checkout's tests) never replaces a file this one's boxes load.
     */
    private static Path contentNamed(Path stateDir, String prefix, byte[] content, String suffix) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(content);
            return stateDir.resolve(prefix + java.util.HexFormat.of().formatHex(digest, 0, 8) + suffix);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A shim every box binds, copied into the state directory under a name of its content (see {@link #contentNamed}). */
    private static Path stateCopy(Path state, Path built) throws IOException {
        byte[] shim = Files.readAllBytes(built);
        String name = built.getFileName().toString();
        Path copy = contentNamed(state, name + "-", shim, "");
        writeAtomically(copy, shim, "rwxr-xr-x");
        return copy;
    }

    /** Other Runbox processes on the host may be reading (or executing) this file while this one starts. */
    private static void writeAtomically(Path target, byte[] bytes, String permissions) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        Files.write(tmp, bytes);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(permissions));
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String describe() {
        return version + ", " + cgroups.describe() + (reused != null ? ", reused boxes (at most " + reused.capacity()
                + " idle" + (prestartRuntimes ? ", runtimes pre-started" : "") + ")"
                : warm.capacity() > 0 ? ", " + warm.capacity() + " warm boxes" : "");
    }

    /** A workspace on a tmpfs of its own, with {@link WorkspaceBudget#DEFAULT}. */
    @Override
    public Workspace newWorkspace() throws IOException {
        return TmpfsWorkspace.create(boxesDir, WorkspaceBudget.DEFAULT);
    }

    /**
     * {@inheritDoc} The workspace must be one this sandbox made. After a run in a box set up ahead, the workspace
     * continues in that box's tmpfs (its {@link Workspace#dir()} changes).
     */
    @Override
    public BoxResult run(Workspace workspace, BoxCommand command) throws IOException {
        if (!(workspace instanceof TmpfsWorkspace own)) {
            throw new IllegalArgumentException("a workspace from another sandbox: " + workspace);
        }
        if (reused == null || !prestartRuntimes) {
            command = command.withPrestart(null); // only a reused box starts a runtime ahead
        }
        BoxShape shape = BoxShape.of(command);
        boolean movable = command.io() == null || !command.io().usesWorkspaceWhileRunning();
        if (movable && reused != null) {
            BoxResult result = runInReusedBox(own, command, shape);
            if (result != null) {
                return result;
            }
        }
        LaunchedBox ready = movable ? warm.take(shape) : null;
        if (ready != null) {
            BoxResult result = runInWarmBox(ready, own, command);
            if (result != null) {
                return result;
            }
        }
        try (LaunchedBox box = launcher.launch(shape, own.dir(), command.argv())) {
            return BoxRun.run(box, command);
        }
    }

    /**
     * Runs the command in a reused box, over the workspace where it is. {@code null} (the workspace as it was, a
     * fallback counted) when no box could be had or the box failed before the program started; the run then goes
     * on in a box of its own. A run that did not end cleanly (a limit, a timeout, a failure of the box) retires
     * the box.
     */
    private BoxResult runInReusedBox(TmpfsWorkspace workspace, BoxCommand command, BoxShape shape) throws IOException {
        ReusedBox box;
        try {
            box = reused.take(shape, command);
        } catch (IOException | RuntimeException e) {
            reused.fellBack(e);
            return null;
        }
        if (box == null) {
            return null;
        }
        ReusedBox.Run run;
        try {
            run = box.takeRun(workspace.dir(), command, cgroups);
        } catch (IOException | RuntimeException e) {
            box.retire();
            reused.fellBack(e);
            box.runEnded();
            reused.giveBack(box);
            return null;
        }
        if (run.kind() != ReusedBox.Kind.RUN) {
            (run.kind() == ReusedBox.Kind.PRESTART ? prestartedRuns : aheadRuns).incrementAndGet();
        }
        boolean clean = false;
        try {
            BoxResult result = BoxRun.run(run, command);
            clean = !result.timedOut() && !result.outputLimitHit() && !result.oomKilled();
            return result;
        } catch (BoxNotStartedException e) {
            if (!e.commandUntouched()) {
                throw e;
            }
            reused.fellBack(e);
            return null;
        } finally {
            if (!clean) {
                box.retire();
            }
            try {
                run.cleanUp();
            } finally {
                box.runEnded();
                reused.giveBack(box);
                if (clean && prestartRuntimes) {
                    prestarter.execute(() -> box.prestart(command, cgroups));
                }
            }
        }
    }

    /**
     * Runs the command in a box set up ahead, into whose tmpfs the workspace's files are copied through the safe
     * file layer; the workspace continues there after the run. {@code null} (the box closed, the workspace as it
     * was, a fallback counted) when the box fails before the program started: the files do not fit or cannot be
     * copied, the box died while it waited, or its release failed. The run then starts a box over the workspace.
     */
    private BoxResult runInWarmBox(LaunchedBox box, TmpfsWorkspace workspace, BoxCommand command) throws IOException {
        try {
            try (BoxTree from = BoxTree.open(workspace.dir()); BoxTree to = BoxTree.open(box.dir())) {
                from.copyTo(to, (int) WorkspaceBudget.DEFAULT.inodes(), WorkspaceBudget.DEFAULT.bytes());
            }
            Ownership.giveTree(box.dir(), box.uid());
        } catch (IOException | RuntimeException e) {
            return fallBack(box, e);
        }
        boolean programMayHaveRun = true;
        try {
            return BoxRun.run(box, command);
        } catch (BoxNotStartedException e) {
            if (!e.commandUntouched()) {
                throw e;
            }
            programMayHaveRun = false;
            return fallBack(box, e);
        } finally {
            if (programMayHaveRun) {
                try (box) {
                    box.killAll();
                    workspace.continueIn(box.handOverDir());
                }
            }
        }
    }

    private BoxResult fallBack(LaunchedBox box, Exception why) {
        warm.fellBack(why);
        try {
            box.close();
        } catch (IOException e) {
            why.addSuppressed(e);
        }
        return null;
    }

    /** Boxes started and not closed yet (running or waiting idle). */
    int openBoxes() {
        return launcher.openBoxes();
    }

    /** Boxes waiting idle for a request now (warm boxes, or reused boxes between runs). */
    public int warmBoxesIdle() {
        return reused != null ? reused.idleCount() : warm.idleCount();
    }

    /** Runs served by a reused box that had served another run before; only grows (0 without reused boxes). */
    public long reusedRuns() {
        return reused == null ? 0 : reused.reusedRuns();
    }

    /** Idle reused boxes holding their next run started ahead (a runtime, or the run's namespaces alone). */
    public int prestartedWaiting() {
        return reused == null ? 0 : reused.prestartedCount();
    }

    /** Runs served by a run a reused box set up ahead of its command (namespaces, cgroup, mounts); only grows. */
    public long aheadRuns() {
        return aheadRuns.get();
    }

    /** Runs served by a runtime pre-started in a reused box; only grows. */
    public long prestartedRuns() {
        return prestartedRuns.get();
    }

    /** Reused boxes closed so far (after an unclean run, worn out, or idle too long); only grows. */
    public long reusedBoxesRetired() {
        return reused == null ? 0 : reused.retired();
    }

    /**
     * Runs that took a box set up ahead and started a new one instead, since that box failed before their
     * program started (it died while idle, its release failed, the workspace could not be copied into it).
     * Only grows.
     */
    public long warmBoxFallbacks() {
        return warm.fallbacks() + (reused == null ? 0 : reused.fallbacks());
    }

    /** Kills the boxes set up ahead; runs in progress end as they would. */
    @Override
    public void close() {
        prestarter.shutdownNow();
        warm.close();
        if (reused != null) {
            reused.close();
        }
    }
}
