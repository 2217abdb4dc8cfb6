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
 *
 * <p>Between runs, a box holds its next run started ahead ({@link #prestart}), in that run's own namespaces and
 * cgroup: for a command with a hook ({@link io.runbox.core.BoxCommand#prestart()}), the last command's runtime,
 * blocked in its hook before the program, which only a request with the very same command takes; otherwise the run's
 * namespaces and mounts alone, which any request of the box's shape takes and gives its command
 * ({@link #takeRun}). Its workspace is bound and it is released ({@link Run#release}); a request it does not
 * fit cancels it. It serves that one run only.
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
    /** A run serving a request now. */
    private boolean running;
    /** The next run, started ahead, and the command it was started after. */
    private Run prestarted;
    private BoxCommand prestartedFor;

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

    /** Whether the box holds a pre-started run. */
    synchronized boolean holdsPrestarted() {
        return prestarted != null;
    }

    /** Whether the box holds a run started ahead that {@code command} can take. */
    synchronized boolean holdsPrestartedFor(BoxCommand command) {
        return prestarted != null && heldFits(command);
    }

    /** A run set up ahead takes any command of the box's shape; a pre-started runtime only its own command. */
    private boolean heldFits(BoxCommand command) {
        return prestarted.kind() == Kind.AHEAD || sameCommand(prestartedFor, command);
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
     * Starts the next run of this box ahead of its request, if the box is idle, fit and holds none yet: for a command
     * with a hook, {@code command}'s runtime, waiting for its workspace; otherwise the run's namespaces and mounts,
     * waiting for a command. Failures retire the box.
     */
    synchronized void prestart(BoxCommand command, CgroupDriver cgroups) {
        if (running || prestarted != null || !fit) {
            return;
        }
        try {
            prestarted = spawn(command, cgroups, null,
                    command.prestart() != null ? Kind.PRESTART : Kind.AHEAD);
            prestartedFor = command;
        } catch (IOException | RuntimeException e) {
            fit = false;
        }
    }

    /**
     * The run for {@code command} over {@code workspace}, now serving it: the one started ahead when it fits the
     * command (its workspace attached; {@link Run#release} binds it), else a new one started at once. A run started
     * ahead that does not fit is cancelled first: the box serves one run at a time. Atomic with {@link #prestart}, so
     * a box never holds a run started ahead beside the one serving a request.
     */
    synchronized Run takeRun(Path workspace, BoxCommand command, CgroupDriver cgroups) throws IOException {
        Run held = prestarted;
        boolean fits = held != null && held.process().isAlive() && heldFits(command);
        prestarted = null;
        prestartedFor = null;
        running = true;
        if (held != null) {
            if (fits) {
                try {
                    held.attach(workspace);
                } catch (IOException | RuntimeException e) {
                    fit = false;
                    cancel(held);
                    throw e;
                }
                return held;
            }
            cancel(held);
        }
        return spawn(command, cgroups, workspace, Kind.RUN);
    }

    private static boolean sameCommand(BoxCommand a, BoxCommand b) {
        return a.argv().equals(b.argv()) && a.env().equals(b.env()) && a.paths().equals(b.paths())
                && a.limits().equals(b.limits()) && java.util.Objects.equals(a.prestart(), b.prestart());
    }

    /** Ends a pre-started run nobody took: its runtime dies with its cgroup and namespaces. */
    private void cancel(Run held) {
        try {
            held.cleanUp();
        } catch (IOException e) {
            fit = false;
        }
    }

    /** The run of a request has ended (cleaned up): the box may take or pre-start another. */
    synchronized void runEnded() {
        running = false;
    }

    /** How a run starts: at once over its workspace, its runtime ahead of the workspace, or set up ahead of both. */
    enum Kind { RUN, PRESTART, AHEAD }

    /**
     * Starts a run of {@code kind}: asks the box's init for it directly ({@link InitRun}); called with this box's
     * lock held ({@link #takeRun}, {@link #prestart}).
     */
    private Run spawn(BoxCommand command, CgroupDriver cgroups, Path workspace, Kind kind) throws IOException {
        if (!fit) {
            throw new IllegalStateException("a retired box takes no runs");
        }
        int n = ++runs;
        String slot = "run-" + n;
        Run run = new Run(slot, kind);
        try {
            if (workspace != null) {
                run.attach(workspace);
                run.bind();
            }
            run.cgroup = cgroups.create(BoxNames.newName(), command.limits());
            run.launchedNanos = System.nanoTime();
            run.process = InitRun.start(socket, run.cgroup.procsFiles(), request(command, kind, slot),
                    "runbox-box" + box.uid() + "-run");
            return run;
        } catch (IOException | RuntimeException e) {
            retire();
            try {
                run.cleanUp();
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    /**
     * What the box's init is asked for: "run", the workspace's mount name and the argv; "prestart", the count of
     * variables the hook adds, those variables (sorted) and the argv; or "ready" alone.
     */
    private static List<String> request(BoxCommand command, Kind kind, String slot) {
        List<String> request = new ArrayList<>();
        switch (kind) {
            case RUN -> request.addAll(List.of("run", slot));
            case PRESTART -> {
                java.util.Map<String, String> env = new java.util.TreeMap<>(command.prestart().env());
                request.addAll(List.of("prestart", Integer.toString(env.size())));
                env.forEach((name, value) -> request.add(name + "=" + value));
            }
            case AHEAD -> request.add("ready");
        }
        if (kind != Kind.AHEAD) {
            request.addAll(kind == Kind.PRESTART ? command.prestart().argvFor(command) : command.argv());
        }
        return request;
    }

    /** One run in this box: the host's stand-in for its program, its cgroup, its bound workspace. */
    final class Run implements RunningBox {
        private final String slot;
        private final Kind kind;
        private InitRun process;
        private Cgroup cgroup;
        private long launchedNanos;
        private Path workspace;
        private Path boundAt;

        private Run(String slot, Kind kind) {
            this.slot = slot;
            this.kind = kind;
        }

        /** How this run started. */
        Kind kind() {
            return kind;
        }

        /** The workspace this run serves; it becomes the box uid's. */
        void attach(Path dir) throws IOException {
            Ownership.giveTree(dir, box.uid());
            workspace = dir;
        }

        private void bind() throws IOException {
            Path target = sharedPoint.resolve(slot);
            SharedMounts.bind(workspace, target);
            boundAt = target;
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

        /** A run started ahead waits for its release, as a box set up ahead does. */
        @Override
        public boolean isWarm() {
            return kind != Kind.RUN;
        }

        /**
         * Binds the workspace and releases the run started ahead: sends its init "go" with the workspace's mount
         * name, then for a run set up ahead the whole {@code argv}. A send on the box's socket, which the box reads
         * at once, so this never waits on the program.
         */
        @Override
        public void release(List<String> argv) throws IOException {
            if (kind == Kind.RUN || workspace == null) {
                throw new IllegalStateException("only a run started ahead, with its workspace, is released");
            }
            List<String> strings = new ArrayList<>(List.of(slot));
            if (kind == Kind.AHEAD) {
                strings.addAll(argv);
            }
            bind();
            process.release(strings);
        }

        @Override
        public BoxStatus status() {
            return process.status();
        }

        @Override
        public int uid() {
            return box.uid();
        }

        /**
         * Ends the run: ends its connection to the box, kills what is left in its cgroup and removes it, closes this
         * side of the program's pipes and unbinds the workspace (which stays where it was, holding what the program
         * left). Any failure retires the box.
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
            if (process != null) {
                process.closeStreams();
            }
            if (boundAt != null) {
                try {
                    SharedMounts.unbind(boundAt);
                } catch (IOException e) {
                    failures.add(e);
                }
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
        Run held;
        synchronized (this) {
            fit = false;
            held = prestarted;
            prestarted = null;
        }
        if (held != null) {
            cancel(held);
        }
        try {
            box.close();
        } finally {
            Tmpfs.discard(sharedPoint);
        }
    }
}
