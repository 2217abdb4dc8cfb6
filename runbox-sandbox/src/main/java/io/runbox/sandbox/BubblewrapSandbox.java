package io.runbox.sandbox;

import io.runbox.core.BoxCommand;
import io.runbox.core.BoxIo;
import io.runbox.core.BoxResult;
import io.runbox.core.Sandbox;
import io.runbox.core.Workspace;
import io.runbox.sandbox.cgroup.Cgroup;
import io.runbox.sandbox.cgroup.CgroupDetector;
import io.runbox.sandbox.cgroup.CgroupDriver;
import io.runbox.sandbox.cgroup.CgroupTuning;
import io.runbox.sandbox.cgroup.CgroupUsage;
import io.runbox.sandbox.seccomp.DenyList;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link Sandbox} on bubblewrap and cgroups. Each run: take a free box uid, hand the workspace to it, create
 * a cgroup, start {@code runbox-boxlaunch} (join cgroup, rlimits, drop to the uid) which execs bwrap, feed
 * stdin, read stdout/stderr up to the cap, enforce the wall time, then kill whatever is left through the
 * cgroup and read its accounting.
 */
public final class BubblewrapSandbox implements Sandbox {
    private final SandboxConfig config;
    private final CgroupDriver cgroups;
    private final UidPool uids;
    private final ProcessSpawner spawner = new ProcessSpawner();
    private final Path seccompFile;
    private final Path etcDir;
    private final Path boxesDir;
    private final Path argsDir;
    private final String version;

    private BubblewrapSandbox(SandboxConfig config, CgroupDriver cgroups, UidPool uids, Path seccompFile, Path etcDir,
                              Path boxesDir, Path argsDir, String version) {
        this.config = config;
        this.cgroups = cgroups;
        this.uids = uids;
        this.seccompFile = seccompFile;
        this.etcDir = etcDir;
        this.boxesDir = boxesDir;
        this.argsDir = argsDir;
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
            BoxNames.sweep(ok.cgroups(), boxes);
            CgroupTuning.favorDynamicModifications(CgroupDetector.detect(config.cgroupRoot()), config.cgroupRoot(), state);
            Path etc = EtcSnapshot.create(state, config.readOnlyPaths(), BwrapArgs.BOX_UID);
            Path seccomp = state.resolve("seccomp.bpf");
            writeAtomically(seccomp, DenyList.forCurrentArch().toBytes());
            UidPool uids = new UidPool(config.firstUid(), config.uidCount(), state.resolve("uids"));
            return new BubblewrapSandbox(config, ok.cgroups(), uids, seccomp, etc, boxes, args, ok.bwrapVersion());
        } catch (IOException e) {
            throw new SandboxUnavailableException("cannot prepare the sandbox state directory " + state + ": " + e, e);
        }
    }

    /** Other Runbox processes on the host may be reading this file while this one starts. */
    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        Files.write(tmp, bytes);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String describe() {
        return version + ", " + cgroups.describe();
    }

    @Override
    public Workspace newWorkspace() throws IOException {
        Path dir = boxesDir.resolve(BoxNames.newName());
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return new Workspace(dir);
    }

    @Override
    public BoxResult run(Workspace workspace, BoxCommand command) throws IOException {
        int uid;
        try {
            uid = uids.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a free box", e);
        }
        try {
            Ownership.giveTree(workspace.dir(), uid);
            try (CgroupLease lease = new CgroupLease(cgroups.create(BoxNames.newName(), command.limits()))) {
                return runInCgroup(workspace, command, uid, lease.cgroup);
            }
        } finally {
            uids.release(uid);
        }
    }

    private BoxResult runInCgroup(Workspace workspace, BoxCommand command, int uid, Cgroup cgroup) throws IOException {
        Path argsFile = argsDir.resolve(UUID.randomUUID().toString());
        writeArgs(argsFile, BwrapArgs.build(config.readOnlyPaths(), etcDir, workspace.dir(), command));
        try {
            return launch(command, uid, cgroup, argsFile);
        } finally {
            Files.deleteIfExists(argsFile);
        }
    }

    private BoxResult launch(BoxCommand command, int uid, Cgroup cgroup, Path argsFile) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(config.launcher().toString());
        for (Path procs : cgroup.procsFiles()) {
            argv.addAll(List.of("--cgroup", procs.toString()));
        }
        argv.addAll(List.of("--uid", Integer.toString(uid), "--gid", Integer.toString(uid),
                "--rlimit", "fsize=" + command.limits().fileSizeBytes(),
                "--rlimit", "nofile=" + command.limits().openFiles(),
                "--rlimit", "core=0",
                "--fd", BwrapArgs.SECCOMP_FD + "=" + seccompFile,
                "--fd", BwrapArgs.ARGS_FD + "=" + argsFile,
                "--", config.bwrap().toString(), "--args", Integer.toString(BwrapArgs.ARGS_FD), "--"));
        argv.addAll(command.argv());

        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().clear();
        long started = System.nanoTime();
        Process process = spawner.start(pb);

        AtomicBoolean outputLimitHit = new AtomicBoolean();
        Runnable killOnOverflow = () -> {
            outputLimitHit.set(true);
            killQuietly(cgroup);
        };
        long cap = command.limits().outputBytes();
        BoxIo io = command.io();
        CappedStream out = new CappedStream(cap, killOnOverflow, io == null ? null : io::stdout);
        CappedStream err = new CappedStream(cap, killOnOverflow, io == null ? null : io::stderr);
        Thread outReader = Thread.ofVirtual().start(() -> out.drain(process.getInputStream()));
        Thread errReader = Thread.ofVirtual().start(() -> err.drain(process.getErrorStream()));
        if (io != null) {
            io.started(() -> {
                try {
                    return process.isAlive() ? cgroup.currentMemory() : 0;
                } catch (IOException e) {
                    return 0;
                }
            });
        }
        InputStream live = io == null ? null : io.stdin();
        Thread stdinWriter = Thread.ofVirtual().start(() -> {
            if (live != null) {
                pump(live, process.getOutputStream());
            } else {
                feed(process.getOutputStream(), command.stdin());
            }
        });

        boolean timedOut;
        try {
            timedOut = !process.waitFor(command.limits().wallTime().toNanos(), TimeUnit.NANOSECONDS);
            if (timedOut) {
                cgroup.killAll();
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cgroup.killAll();
            process.destroyForcibly();
            throw new IOException("interrupted while the box ran", e);
        }
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        // Whatever outlived the main program (daemons, orphans holding the pipes) dies here.
        cgroup.killAll();
        stdinWriter.interrupt();
        joinQuietly(outReader, errReader);

        CgroupUsage usage = cgroup.usage();
        int exit = process.exitValue();
        byte[] stderr = err.bytes();
        LauncherFailure.check(exit, stderr);
        Integer signal = exit > 128 && exit < 128 + 65 ? exit - 128 : null;
        return new BoxResult(out.bytes(), stderr, outputLimitHit.get(), exit, signal, timedOut,
                usage.oomKilled(), wallMs, usage.cpuMs(), usage.peakMemoryBytes());
    }

    /** NUL-terminated, as bwrap's {@code --args} reads them; readable by root only. */
    private static void writeArgs(Path file, List<String> args) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            if (a.indexOf('\0') >= 0) {
                throw new IOException("a box argument contains a NUL byte");
            }
            sb.append(a).append('\0');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    /** Copies live input to the program as it comes, flushing each chunk; ends when either side does. */
    private static void pump(InputStream from, OutputStream stdin) {
        try (stdin) {
            byte[] buf = new byte[4096];
            int n;
            while ((n = from.read(buf)) >= 0) {
                stdin.write(buf, 0, n);
                stdin.flush();
            }
        } catch (IOException e) {
            // The program exited or closed its input.
        }
    }

    private static void feed(OutputStream stdin, byte[] bytes) {
        try (stdin) {
            stdin.write(bytes);
        } catch (IOException e) {
            // The program closed stdin or exited early; the rest of the input is not wanted.
        }
    }

    private static void killQuietly(Cgroup cgroup) {
        try {
            cgroup.killAll();
        } catch (IOException e) {
            // The final killAll after the wait reports a lasting failure.
        }
    }

    private static void joinQuietly(Thread... threads) throws IOException {
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while collecting output", e);
        }
    }

    /** Kills and removes a cgroup when the run is over, whatever happened. */
    private static final class CgroupLease implements AutoCloseable {
        final Cgroup cgroup;

        CgroupLease(Cgroup cgroup) {
            this.cgroup = cgroup;
        }

        @Override
        public void close() throws IOException {
            try {
                cgroup.killAll();
            } finally {
                cgroup.close();
            }
        }
    }

    /** Tells a failure of the launcher or of bwrap's own setup apart from the program's exit. */
    static final class LauncherFailure {
        private LauncherFailure() {
        }

        static void check(int exit, byte[] stderr) throws IOException {
            String head = new String(stderr, 0, Math.min(stderr.length, 512), StandardCharsets.UTF_8);
            if (exit == 125 && head.startsWith("runbox-boxlaunch:")) {
                throw new IOException("box launcher failed: " + head.strip());
            }
            if (exit == 1 && head.startsWith("bwrap:")) {
                throw new IOException("bubblewrap failed: " + head.strip());
            }
        }
    }
}
