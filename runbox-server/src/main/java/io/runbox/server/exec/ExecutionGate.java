package io.runbox.server.exec;

import io.runbox.server.http.ApiException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the executions running at once. Synchronous callers wait in a bounded line for at most a
 * bounded time and are refused with 429 beyond either; job workers wait as long as it takes (their
 * queue is the store).
 */
public final class ExecutionGate {
    private final Semaphore permits;
    private final int maxWaiting;
    private final Duration maxWait;
    private final AtomicInteger waiting = new AtomicInteger();
    private final int size;

    public ExecutionGate(int maxConcurrent, int maxWaiting, Duration maxWait) {
        this.permits = new Semaphore(maxConcurrent, true);
        this.size = maxConcurrent;
        this.maxWaiting = maxWaiting;
        this.maxWait = maxWait;
    }

    /** A held slot; release it by closing. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * For a synchronous request: a slot, or a 429 {@link ApiException} when the line is full or too slow. A
     * caller whose thread is interrupted while it waits (a client's kill, a client gone, a server stopping)
     * gets a {@code cancelled} refusal (status 499) instead, and nothing ran.
     */
    public Slot enterOrRefuse() {
        if (permits.tryAcquire()) {
            return permits::release;
        }
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            throw ApiException.busy("all " + size + " execution slots are busy and " + maxWaiting
                    + " requests are already waiting; retry shortly", 1);
        }
        try {
            if (!permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw ApiException.busy("no execution slot became free within " + maxWait.toSeconds() + " s", 2);
            }
            return permits::release;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled();
        } finally {
            waiting.decrementAndGet();
        }
    }

    /**
     * The refusal of a wait for a slot that its caller stopped: code {@code cancelled}, status 499 (a client's
     * closed request, as proxies write it), nothing ran.
     */
    private static ApiException cancelled() {
        return new ApiException(499, "cancelled", "the execution was cancelled while it waited for an execution slot;"
                + " nothing ran", null, null);
    }

    /** A slot if one is free now, else {@code null}; never waits (a judge widening its parallelism). */
    public Slot tryEnter() {
        return permits.tryAcquire() ? permits::release : null;
    }

    /** How many executions may run at once. */
    public int size() {
        return size;
    }

    /** For a job worker: waits as long as needed. */
    public Slot enter() throws InterruptedException {
        permits.acquire();
        return permits::release;
    }

    /** Executions running now. */
    public int running() {
        return size - permits.availablePermits();
    }

    public int waiting() {
        return waiting.get();
    }
}
