package io.runbox.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closed-loop throughput: {@code workers} platform threads each run their task back to back until the
 * deadline; runs per second is completed runs over the wall time until the last worker finished.
 */
final class Throughput {
    private Throughput() {
    }

    /** One worker's task; it is handed its worker index so it can use its own workspace. */
    @FunctionalInterface
    interface Task {
        void run(int worker) throws IOException;
    }

    record Result(int workers, int runs, double seconds, Stats latency) {
        double perSecond() {
            return runs / seconds;
        }
    }

    static Result measure(int workers, long durationNanos, int warmupPerWorker, Task task) throws IOException {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(workers);
        CountDownLatch go = new CountDownLatch(1);
        long[] start = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            threads.add(Thread.ofPlatform().name("bench-worker-" + w).start(() -> {
                try {
                    for (int i = 0; i < warmupPerWorker; i++) {
                        task.run(worker);
                    }
                    ready.countDown();
                    go.await();
                    long deadline = start[0] + durationNanos;
                    while (System.nanoTime() < deadline && failure.get() == null) {
                        long t0 = System.nanoTime();
                        task.run(worker);
                        latencies.add(System.nanoTime() - t0);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    ready.countDown();
                }
            }));
        }
        try {
            ready.await();
            start[0] = System.nanoTime();
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        double seconds = (System.nanoTime() - start[0]) / 1e9;
        if (failure.get() != null) {
            throw new IOException("a worker failed: " + failure.get().getMessage(), failure.get());
        }
        return new Result(workers, latencies.size(), seconds, Stats.of(latencies));
    }
}
