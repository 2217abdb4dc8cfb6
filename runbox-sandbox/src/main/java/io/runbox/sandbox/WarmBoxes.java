package io.runbox.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Boxes set up ahead of the requests that will use them. Setting a box up (namespaces, mounts, cgroup) is most
 * of the sandbox's cost over a bare run; a warm box has done it already and only waits for its command. At
 * most one idle box per {@link BoxShape}, at most {@code capacity} in all (the least recently used goes first),
 * none idle longer than {@code idleLimit}. A box taken is replaced in the background, so a second request of
 * the same language and limits finds one ready. Warming never waits for a uid (when all are running programs,
 * it is skipped), and is skipped while more programs run than the host has cores: setting a box up costs the
 * same CPU ahead of a request as during it, so on a saturated host it would only compete with the programs.
 */
final class WarmBoxes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WarmBoxes.class);

    private final BoxLauncher launcher;
    private final Path boxesDir;
    private final WorkspaceBudget budget;
    private final int capacity;
    private final Duration idleLimit;
    /** Idle boxes in least-recently-used order. */
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private final LinkedHashMap<BoxShape, Idle> idle = new LinkedHashMap<>(16, 0.75f, true);
    private final ExecutorService warmer = Executors.newSingleThreadExecutor(daemon("runbox-warm-boxes"));
    private final ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(daemon("runbox-warm-expiry"));
    private final Thread shutdownHook = new Thread(this::close, "runbox-warm-boxes-shutdown");
    private final AtomicLong fallbacks = new AtomicLong();
    private boolean closed;

    private record Idle(LaunchedBox box, long sinceNanos) {
    }

    WarmBoxes(BoxLauncher launcher, Path boxesDir, WorkspaceBudget budget, int capacity, Duration idleLimit) {
        this.budget = budget;
        this.launcher = launcher;
        this.boxesDir = boxesDir;
        this.capacity = capacity;
        this.idleLimit = idleLimit;
        if (capacity > 0) {
            long period = Math.max(1, idleLimit.toMillis() / 4);
            expiry.scheduleWithFixedDelay(this::expire, period, period, TimeUnit.MILLISECONDS);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** A ready box of this shape, or {@code null}; either way one is warmed up for the next request. */
    LaunchedBox take(BoxShape shape) {
        if (capacity == 0) {
            return null;
        }
        Idle found;
        synchronized (this) {
            found = idle.remove(shape);
        }
        refill(shape);
        if (found != null && !found.box().process().isAlive()) {
            fellBack(new IOException("the box died while it waited (launcher exited with "
                    + found.box().process().exitValue() + ")"));
            closeQuietly(found.box());
            return null;
        }
        return found == null ? null : found.box();
    }

    /** Counts a run that took (or found) a box of this pool that failed before its program started. */
    void fellBack(Exception why) {
        fallbacks.incrementAndGet();
        LOG.warn("a warm box failed before its program started ({}); the run starts a new box", why.toString());
    }

    /** Runs that fell back from a box of this pool to a new one ({@link #fellBack}); only grows. */
    long fallbacks() {
        return fallbacks.get();
    }

    /** How many boxes may wait idle at once. */
    int capacity() {
        return capacity;
    }

    /** How many boxes wait idle now. */
    synchronized int idleCount() {
        return idle.size();
    }

    private void refill(BoxShape shape) {
        try {
            warmer.execute(() -> warm(shape));
        } catch (RejectedExecutionException e) {
            // Closed.
        }
    }

    private void warm(BoxShape shape) {
        synchronized (this) {
            if (closed || idle.containsKey(shape)) {
                return;
            }
            if (launcher.openBoxes() - idle.size() > CORES) {
                return;
            }
        }
        LaunchedBox box = null;
        Path dir = null;
        try {
            dir = TmpfsWorkspace.mountNew(boxesDir, budget);
            box = launcher.launchWarm(shape, dir);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not warm a box up ({}); requests start their own", e.toString());
        }
        if (box == null) {
            TmpfsWorkspace.discardQuietly(dir);
            return;
        }
        List<LaunchedBox> surplus = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                surplus.add(box);
            } else {
                idle.put(shape, new Idle(box, System.nanoTime()));
                Iterator<Idle> eldest = idle.values().iterator();
                while (idle.size() > capacity && eldest.hasNext()) {
                    surplus.add(eldest.next().box());
                    eldest.remove();
                }
            }
        }
        surplus.forEach(WarmBoxes::closeQuietly);
    }

    private void expire() {
        List<LaunchedBox> old = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (this) {
            for (Iterator<Map.Entry<BoxShape, Idle>> it = idle.entrySet().iterator(); it.hasNext(); ) {
                Idle i = it.next().getValue();
                if (now - i.sinceNanos() > idleLimit.toNanos()) {
                    old.add(i.box());
                    it.remove();
                }
            }
        }
        old.forEach(WarmBoxes::closeQuietly);
    }

    /** Kills every idle box; boxes taken before keep running to their end. */
    @Override
    public void close() {
        List<LaunchedBox> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = idle.values().stream().map(Idle::box).toList();
            idle.clear();
        }
        warmer.shutdownNow();
        expiry.shutdownNow();
        all.forEach(WarmBoxes::closeQuietly);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Shutting down already (this may be the hook itself), or never registered.
        }
    }

    private static void closeQuietly(LaunchedBox box) {
        try {
            box.close();
        } catch (IOException e) {
            LOG.warn("could not clean a warm box up: {}", e.toString());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
