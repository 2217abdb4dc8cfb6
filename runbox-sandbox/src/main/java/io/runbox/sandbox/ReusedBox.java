package io.runbox.sandbox;

import io.runbox.core.BoxCommand;
import io.runbox.sandbox.cgroup.Cgroup;
import io.runbox.sandbox.cgroup.CgroupDriver;
import io.runbox.sandbox.fs.SharedMounts;
import io.runbox.sandbox.fs.Tmpfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A long-lived box that runs one program at a time, each run fresh inside it: its {@code runbox-boxinit} makes
 * new mount, IPC, network, UTS and pid namespaces per run, with the run's own cgroup, a new {@code /tmp},
 * {@code /dev/shm} and {@code /proc}, and the run's workspace bound at {@code /box} (the host binds the workspace
 * below the box's {@link SharedMounts shared point}; nothing is copied). Only the box's set-up (bwrap, the user
 * namespace, the read-only binds) is shared between runs, and that is read-only to every program.
 *
 * <p>A box serves runs of one {@link BoxShape} (environment, paths, limits) under one uid. It is fit for another
 * run only when the last one ended cleanly: the program ran to its own end (no limit, no timeout), everything in
 * the run's cgroup was killed and the cgroup removed, the workspace unbound, and the box's init is alive. Anything
 * else retires it ({@link #close}).
 */
final class ReusedBox implements AutoCloseable {
    /** How long a new box may take to be ready; only the first run of a box waits for it. */
    private static final java.time.Duration READY_TIMEOUT = java.time.Duration.ofSeconds(10);
    private final LaunchedBox box;
    private final BoxShape shape;
    private final Path sharedPoint;
    private final Path socket;
    private final long startedNanos;
    private int runs;
    private boolean fit = true;

    private ReusedBox(LaunchedBox box, BoxShape shape, Path sharedPoint, Path socket) {
        this.box = box;
        this.shape = shape;
        this.sharedPoint = sharedPoint;
        this.socket = socket;
        this.startedNanos = System.nanoTime();
    }

    /** Starts a box for runs of {@code shape}, or returns {@code null} when every uid is in use. */
    static ReusedBox start(BoxLauncher launcher, Path boxesDir, BoxShape shape) throws IOException {
        Path point = BoxNames.newDirectory(boxesDir);
        try {
            // The box's user reaches the point (bwrap binds it) but cannot list or change it.
            Files.setPosixFilePermissions(point, PosixFilePermissions.fromString("rwx--x--x"));
            SharedMounts.makeSharedPoint(point);
            Path socket = launcher.argsDir().resolve(point.getFileName() + ".s");
            LaunchedBox box = launcher.launchReused(shape, point, socket);
            if (box == null) {
                Tmpfs.discard(point);
                return null;
            }
            try {
                box.awaitStatusLine("ready", READY_TIMEOUT);
            } catch (IOException e) {
                box.close();
                throw e;
            }
            return new ReusedBox(box, shape, point, socket);
        } catch (IOException | RuntimeException e) {
            try {
                Tmpfs.discard(point);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    BoxShape shape() {
        return shape;
    }

    int uid() {
        return box.uid();
    }

    /** Runs served so far. */
    synchronized int runs() {
        return runs;
    }

    long ageNanos() {
        return System.nanoTime() - startedNanos;
    }

    /** Whether the box may serve another run: every run so far ended cleanly and its init is alive. */
    synchronized boolean fit() {
        return fit && box.process().isAlive();
    }

    /** Marks the box unfit for another run; it is closed when its caller is done with it. */
    synchronized void retire() {
        fit = false;
    }

    /**
     * Starts {@code command} in this box over {@code workspace} (a workspace of Runbox's own, which becomes the box
     * uid's): binds it, makes the run's cgroup and starts {@code runbox-boxrun}, which stands for the program.
     */
    Run start(Path workspace, BoxCommand command, CgroupDriver cgroups, Path runClient, BoxLauncher launcher)
            throws IOException {
        int n;
        synchronized (this) {
            if (!fit) {
                throw new IllegalStateException("a retired box takes no runs");
            }
            n = ++runs;
        }
        String slot = "run-" + n;
        Path target = sharedPoint.resolve(slot);
        Path statusFile = socket.resolveSibling(sharedPoint.getFileName() + "." + n + ".status");
        Cgroup cgroup = null;
        boolean bound = false;
        try {
            Ownership.giveTree(workspace, box.uid());
            SharedMounts.bind(workspace, target);
            bound = true;
            cgroup = cgroups.create(BoxNames.newName(), command.limits());
            Files.write(statusFile, new byte[0]);
            List<String> argv = new ArrayList<>(List.of(runClient.toString(), "--status", statusFile.toString(),
                    "--socket", socket.toString()));
            for (Path procs : cgroup.procsFiles()) {
                argv.addAll(List.of("--cgroup", procs.toString()));
            }
            argv.addAll(List.of("--slot", slot, "--"));
            argv.addAll(command.argv());
            ProcessBuilder pb = new ProcessBuilder(argv);
            pb.environment().clear();
            long started = System.nanoTime();
            Process process = launcher.spawn(pb);
            return new Run(process, cgroup, target, statusFile, started);
        } catch (IOException | RuntimeException e) {
            retire();
            Run failed = new Run(null, cgroup, bound ? target : null, statusFile, 0);
            try {
                failed.cleanUp();
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    /** One run in this box: the host's stand-in for its program, its cgroup, its bound workspace. */
    final class Run implements RunningBox {
        private final Process process;
        private final Cgroup cgroup;
        private final Path boundAt;
        private final Path statusFile;
        private final long launchedNanos;

        private Run(Process process, Cgroup cgroup, Path boundAt, Path statusFile, long launchedNanos) {
            this.process = process;
            this.cgroup = cgroup;
            this.boundAt = boundAt;
            this.statusFile = statusFile;
            this.launchedNanos = launchedNanos;
        }

        @Override
        public Process process() {
            return process;
        }

        @Override
        public Cgroup cgroup() {
            return cgroup;
        }

        @Override
        public long launchedNanos() {
            return launchedNanos;
        }

        @Override
        public boolean isWarm() {
            return false;
        }

        @Override
        public void release(List<String> argv) {
            throw new IllegalStateException("a run in a reused box starts with its command");
        }

        @Override
        public BoxStatus status() throws IOException {
            return BoxStatus.read(statusFile);
        }

        @Override
        public int uid() {
            return box.uid();
        }

        /**
         * Ends the run: kills what is left in its cgroup and removes it, unbinds the workspace (which stays where
         * it was, holding what the program left) and deletes the status file. Any failure retires the box.
         */
        void cleanUp() throws IOException {
            List<IOException> failures = new ArrayList<>();
            if (process != null) {
                process.destroyForcibly();
            }
            if (cgroup != null) {
                try {
                    cgroup.killAll();
                    cgroup.close();
                } catch (IOException e) {
                    failures.add(e);
                }
            }
            if (boundAt != null) {
                try {
                    SharedMounts.unbind(boundAt);
                } catch (IOException e) {
                    failures.add(e);
                }
            }
            try {
                Files.deleteIfExists(statusFile);
            } catch (IOException e) {
                failures.add(e);
            }
            if (!failures.isEmpty()) {
                retire();
                IOException first = failures.get(0);
                failures.stream().skip(1).forEach(first::addSuppressed);
                throw first;
            }
        }
    }

    /** Kills the box and everything in it, frees its uid and removes its shared point, socket and files. */
    @Override
    public void close() throws IOException {
        retire();
        try {
            box.close();
        } finally {
            Tmpfs.discard(sharedPoint);
        }
    }
}
