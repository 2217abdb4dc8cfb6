package io.runbox.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool of {@link ReusedBox}es. A run takes an idle box of its shape (the most recently used one) or starts a new
 * one, and gives it back after the run; a box goes back only if it is {@linkplain ReusedBox#fit fit}, has served
 * fewer than {@code maxRuns} runs and is younger than {@code maxAge}, and is closed otherwise. At most
 * {@code idleCapacity} boxes wait idle (the one idle longest goes first), none longer than {@code idleLimit}. Boxes
 * are started only on demand, so the pool grows to the concurrency the service sees and no further than the uids
 * allow (when every uid is in use, a run goes without).
 */
final class ReusedBoxes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReusedBoxes.class);

    private final BoxLauncher launcher;
    private final Path boxesDir;
    private final int idleCapacity;
    private final int maxRuns;
    private final Duration maxAge;
    private final Duration idleLimit;
    /** Idle boxes, the one idle longest first, with when each became idle. */
    private final LinkedHashMap<ReusedBox, Long> idle = new LinkedHashMap<>();
    private final ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "runbox-reused-expiry");
        t.setDaemon(true);
        return t;
    });
    private final Thread shutdownHook = new Thread(this::close, "runbox-reused-boxes-shutdown");
    private final AtomicLong reusedRuns = new AtomicLong();
    private final AtomicLong retired = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();
    private boolean closed;

    ReusedBoxes(BoxLauncher launcher, Path boxesDir, int idleCapacity, int maxRuns, Duration maxAge, Duration idleLimit) {
        this.launcher = launcher;
        this.boxesDir = boxesDir;
        this.idleCapacity = idleCapacity;
        this.maxRuns = maxRuns;
        this.maxAge = maxAge;
        this.idleLimit = idleLimit;
        long period = Math.max(1, idleLimit.toMillis() / 4);
        expiry.scheduleWithFixedDelay(this::expire, period, period, TimeUnit.MILLISECONDS);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * An idle box of {@code command}'s shape (one holding a runtime pre-started for this very command if there is
     * one, else the most recently used), or a new one; {@code null} when none can be had without waiting for a uid.
     */
    ReusedBox take(BoxShape shape, io.runbox.core.BoxCommand command) throws IOException {
        ReusedBox found = null;
        List<ReusedBox> unfit = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return null;
            }
            List<ReusedBox> candidates = new ArrayList<>();
            for (ReusedBox b : idle.keySet()) {
                if (!b.shape().equals(shape)) {
                    continue;
                }
                if (usable(b)) {
                    candidates.add(b);
                } else {
                    unfit.add(b);
                }
            }
            unfit.forEach(idle::remove);
            for (int i = candidates.size() - 1; i >= 0 && found == null; i--) {
                if (candidates.get(i).holdsPrestartedFor(command)) {
                    found = candidates.get(i);
                }
            }
            if (found == null && !candidates.isEmpty()) {
                found = candidates.get(candidates.size() - 1);
            }
            if (found != null) {
                idle.remove(found);
            }
        }
        unfit.forEach(this::closeQuietly);
        if (found != null) {
            reusedRuns.incrementAndGet();
            return found;
        }
        return ReusedBox.start(launcher, boxesDir, shape);
    }

    /** Takes a box back after its run: kept idle if it may serve again, closed otherwise. */
    void giveBack(ReusedBox box) {
        List<ReusedBox> surplus = new ArrayList<>();
        synchronized (this) {
            if (closed || !usable(box)) {
                surplus.add(box);
            } else {
                idle.put(box, System.nanoTime());
                Iterator<ReusedBox> eldest = idle.keySet().iterator();
                while (idle.size() > idleCapacity && eldest.hasNext()) {
                    surplus.add(eldest.next());
                    eldest.remove();
                }
            }
        }
        surplus.forEach(this::closeQuietly);
    }

    /** Counts a run that could not use a box of this pool before its program started, and went to a new box. */
    void fellBack(Exception why) {
        fallbacks.incrementAndGet();
        LOG.warn("a reused box failed before its program started ({}); the run starts a box of its own", why.toString());
    }

    private boolean usable(ReusedBox box) {
        return box.fit() && box.runs() < maxRuns && box.ageNanos() < maxAge.toNanos();
    }

    /** Runs served by a box that had served another run before; only grows. */
    long reusedRuns() {
        return reusedRuns.get();
    }

    /** Boxes closed so far (unfit, worn out, idle too long, or surplus); only grows. */
    long retired() {
        return retired.get();
    }

    /** Runs that fell back to a box of their own ({@link #fellBack}); only grows. */
    long fallbacks() {
        return fallbacks.get();
    }

    /** How many boxes may wait idle at once. */
    int capacity() {
        return idleCapacity;
    }

    /** Boxes waiting idle now. */
    synchronized int idleCount() {
        return idle.size();
    }

    /** Idle boxes holding a pre-started run. */
    synchronized int prestartedCount() {
        return (int) idle.keySet().stream().filter(ReusedBox::holdsPrestarted).count();
    }

    private void expire() {
        List<ReusedBox> old = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (this) {
            for (Iterator<Map.Entry<ReusedBox, Long>> it = idle.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<ReusedBox, Long> e = it.next();
                if (now - e.getValue() > idleLimit.toNanos() || !usable(e.getKey())) {
                    old.add(e.getKey());
                    it.remove();
                }
            }
        }
        old.forEach(this::closeQuietly);
    }

    /** Kills every idle box; boxes serving a run are closed when given back. */
    @Override
    public void close() {
        List<ReusedBox> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(idle.keySet());
            idle.clear();
        }
        expiry.shutdownNow();
        all.forEach(this::closeQuietly);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Shutting down already (this may be the hook itself).
        }
    }

    private void closeQuietly(ReusedBox box) {
        retired.incrementAndGet();
        try {
            box.close();
        } catch (IOException e) {
            LOG.warn("could not clean a reused box up: {}", e.toString());
        }
    }
}
