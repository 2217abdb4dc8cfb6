package io.runbox.sandbox;

import io.runbox.sandbox.fs.FifoWriter;
import io.runbox.sandbox.fs.Tmpfs;
import io.runbox.sandbox.cgroup.Cgroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A started box: its uid, cgroup, launcher process and the directory bound at {@code /box}. A box started for
 * its command is running it already; a <em>warm</em> box has its namespaces and mounts set up and waits, in
 * {@code runbox-boxexec}, for {@link #release(List)} to say what to run. Either way, {@link #status()} tells
 * whether the box started its program. Closing kills what is left, removes the cgroup, frees
 * the uid and deletes the box's files (and, for a warm box, its own tmpfs unless handed over).
 */
final class LaunchedBox implements RunningBox, AutoCloseable {
    /** How long a release may take, waiting for the launcher to make the FIFO and for the box to read it. */
    static final Duration RELEASE_DEADLINE = Duration.ofSeconds(5);

    private final int uid;
    private final UidPool uids;
    private final Cgroup cgroup;
    private final Process process;
    private Path dir;
    private final List<Path> files;
    private final Path statusFile;
    private final Path fifo;
    private final long launchedNanos;
    private final AtomicInteger openBoxes;
    private boolean closed;

    /** @param openBoxes the launcher's count of boxes not closed yet, which this box is in until it closes */
    LaunchedBox(int uid, UidPool uids, Cgroup cgroup, Process process, Path dir, List<Path> files,
                Path statusFile, Path fifo, long launchedNanos, AtomicInteger openBoxes) {
        this.uid = uid;
        this.uids = uids;
        this.cgroup = cgroup;
        this.process = process;
        this.dir = dir;
        this.files = List.copyOf(files);
        this.statusFile = statusFile;
        this.fifo = fifo;
        this.launchedNanos = launchedNanos;
        this.openBoxes = openBoxes;
    }

    @Override
    public int uid() {
        return uid;
    }

    @Override
    public Cgroup cgroup() {
        return cgroup;
    }

    @Override
    public Process process() {
        return process;
    }

    /** The host directory the box sees at {@code /box}. */
    synchronized Path dir() {
        return dir;
    }

    /**
     * For a warm box, whose directory is a tmpfs of its own: the directory and what it holds now belong to the
     * caller, and closing the box leaves them alone.
     */
    synchronized Path handOverDir() {
        if (!isWarm()) {
            throw new IllegalStateException("a box started over a workspace does not own its directory");
        }
        Path d = dir;
        dir = null;
        return d;
    }

    @Override
    public boolean isWarm() {
        return fifo != null;
    }

    @Override
    public long launchedNanos() {
        return launchedNanos;
    }

    /**
     * Lets a warm box run {@code argv}: sends it, length-prefixed, on the FIFO its {@code runbox-boxexec} waits
     * on ({@link ReleaseMessage}). Never blocks on the box, and gives up after {@link #RELEASE_DEADLINE}.
     *
     * @throws IOException when the box cannot take its command (it is gone or never started): its program has
     *                     not started then
     */
    @Override
    public void release(List<String> argv) throws IOException {
        if (!isWarm()) {
            throw new IllegalStateException("a box started for its command is running already");
        }
        byte[] message = ReleaseMessage.encode(argv);
        long deadline = System.nanoTime() + RELEASE_DEADLINE.toNanos();
        awaitFifo(deadline);
        FifoWriter.writeAll(fifo, message, deadline, process::isAlive);
    }

    /** What the box's status channel says now; complete once the launcher has exited. */
    @Override
    public BoxStatus status() throws IOException {
        return BoxStatus.read(statusFile);
    }

    /**
     * Waits until the box's first program has written {@code line} on its status channel, or gives up after
     * {@code timeout}; never blocks on the box (it polls a file the box appends to).
     *
     * @throws IOException when the box ended, or did not say it in time
     */
    void awaitStatusLine(String line, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = BoxStatus.text(statusFile);
            if (text.lines().anyMatch(line::equals)) {
                return;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("the box did not start (" + (process.isAlive() ? "no " + line + " within "
                        + timeout : "launcher exited with " + process.exitValue()) + ")" + (text.isBlank() ? ""
                        : ": " + text.strip()));
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while a box started", e);
            }
        }
    }

    /** The launcher makes the FIFO as it starts; a box taken the moment it was launched may not have it yet. */
    private void awaitFifo(long deadline) throws IOException {
        while (!Files.exists(fifo)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("the warm box did not start (launcher " + (process.isAlive() ? "still starting"
                        : "exited with " + process.exitValue()) + ")");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while releasing a box", e);
            }
        }
    }

    /** Kills every process of the box; the box may be reused for nothing after this. */
    void killAll() throws IOException {
        cgroup.killAll();
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        openBoxes.decrementAndGet();
        List<IOException> failures = new ArrayList<>();
        try {
            cgroup.killAll();
        } catch (IOException e) {
            failures.add(e);
        }
        process.destroyForcibly();
        try {
            cgroup.close();
        } catch (IOException e) {
            failures.add(e);
        }
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                failures.add(e);
            }
        }
        if (isWarm() && dir != null) {
            try {
                Tmpfs.discard(dir);
            } catch (IOException e) {
                failures.add(e);
            }
        }
        uids.release(uid);
        if (!failures.isEmpty()) {
            IOException first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }
}
