package io.runbox.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One concurrency level of a closed loop: {@code clients} platform threads each start their next attempt when
 * their last one returned, until {@code requests} attempts were started or {@code seconds} have passed (at least
 * one attempt per client either way). Throughput is completed attempts over the wall time until the last client
 * finished; CPU is the host's busy CPU time over the same span ({@link HostCpu}).
 */
final class ClosedLoop {
    private ClosedLoop() {
    }

    /** One attempt; true when it succeeded, false when the server refused it as busy (429). */
    @FunctionalInterface
    interface Attempt {
        boolean run() throws Exception;
    }

    /** What a level measured: latencies of the successful attempts (ns), refusals, wall seconds, host CPU ms. */
    record Result(List<Long> latencies, int ok, int refused, double seconds, double hostCpuMs) {
        Stats stats() {
            return Stats.of(latencies);
        }

        double perSecond() {
            return ok / seconds;
        }

        /** Host CPU per successful attempt, ms; NaN when none succeeded. */
        double cpuMsPerRun() {
            return ok == 0 ? Double.NaN : hostCpuMs / ok;
        }
    }

    static Result run(int clients, int requests, double seconds, Attempt attempt) throws Exception {
        return run(clients, requests, seconds, 0, attempt);
    }

    /** As {@link #run(int, int, double, Attempt)}, each client waiting {@code pauseMillis} before each attempt (not timed). */
    static Result run(int clients, int requests, double seconds, int pauseMillis, Attempt attempt) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger left = new AtomicInteger(Math.max(requests, clients));
        AtomicReference<Exception> failure = new AtomicReference<>();
        long cpu0 = HostCpu.busyMs();
        long t0 = System.nanoTime();
        long deadline = t0 + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofPlatform().name("bench-client-" + c).start(() -> {
                boolean first = true;
                while (failure.get() == null && left.getAndDecrement() > 0 && (first || System.nanoTime() < deadline)) {
                    first = false;
                    if (pauseMillis > 0) {
                        try {
                            Thread.sleep(pauseMillis);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    long s = System.nanoTime();
                    try {
                        if (attempt.run()) {
                            latencies.add(System.nanoTime() - s);
                            ok.incrementAndGet();
                        } else {
                            refused.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        long cpu = HostCpu.busyMs() - cpu0;
        if (failure.get() != null) {
            throw failure.get();
        }
        return new Result(List.copyOf(latencies), ok.get(), refused.get(), wall, cpu);
    }
}
