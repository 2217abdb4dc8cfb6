package io.runbox.server.jobs;

import io.runbox.core.jobs.CallbackOutbox;
import io.runbox.core.jobs.Job;
import io.runbox.core.jobs.JobQueue;
import io.runbox.server.exec.ExecutionGate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workers that take jobs from the store: each waits for an execution slot, claims the oldest queued job,
 * runs it, stores the result and schedules its callback. On start, jobs left running by a previous process
 * are re-queued (or failed once they have been started too often). On stop, workers take no new job and
 * running ones get a grace period; whatever is still running then is recovered at the next start.
 */
public final class JobWorkers {
    private static final Logger LOG = LoggerFactory.getLogger(JobWorkers.class);
    private static final Duration LEASE = Duration.ofHours(1);
    private static final Duration POLL = Duration.ofMillis(500);

    private final JobQueue queue;
    private final CallbackOutbox outbox;
    private final ExecutionGate gate;
    private final int count;
    private final int maxAttempts;
    private final Semaphore wakeups = new Semaphore(0);
    private final List<Thread> threads = new ArrayList<>();
    private volatile Map<String, JobRunner> runners = Map.of();
    private volatile boolean stopping;

    public JobWorkers(JobQueue queue, CallbackOutbox outbox, ExecutionGate gate, int count, int maxAttempts) {
        this.queue = queue;
        this.outbox = outbox;
        this.gate = gate;
        this.count = count;
        this.maxAttempts = maxAttempts;
    }

    /** Recovers what a previous process left running, then starts the workers. */
    /** @param jobRunners the runner of each job kind (the front door that accepts such jobs) */
    public synchronized void start(Map<String, JobRunner> jobRunners) {
        this.runners = Map.copyOf(jobRunners);
        int recovered = queue.recover(true, maxAttempts,
                "interrupted " + maxAttempts + " times by a server stop while running; not retried again");
        if (recovered > 0) {
            LOG.info("recovered {} job(s) left running by a previous process", recovered);
        }
        for (int i = 0; i < count; i++) {
            String name = "runbox-job-worker-" + i;
            threads.add(Thread.ofPlatform().name(name).daemon(true).start(() -> loop(name)));
        }
    }

    /** A job was queued: let an idle worker look now rather than at its next poll. */
    public void wake() {
        wakeups.release();
    }

    /** Stops taking jobs and waits up to {@code grace} for running ones. */
    public void stop(Duration grace) {
        stopping = true;
        wakeups.release(count);
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread t : threads) {
            try {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                t.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void loop(String name) {
        while (!stopping) {
            try {
                boolean worked;
                try (ExecutionGate.Slot slot = gate.enter()) {
                    worked = stopping ? false : runOne(name);
                }
                if (!worked && !stopping) {
                    wakeups.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("job worker {} failed; continuing", name, e);
            }
        }
    }

    private boolean runOne(String worker) {
        Optional<Job> claimed = queue.claim(worker, LEASE);
        if (claimed.isEmpty()) {
            return false;
        }
        Job job = claimed.get();
        JobRunner runner = runners.get(job.kind());
        String result = null;
        String error = null;
        try {
            if (runner == null) {
                throw new JobRunner.JobFailedException("no runner for jobs of kind '" + job.kind() + "'");
            }
            result = runner.run(job);
            queue.complete(job.id(), result);
        } catch (JobRunner.JobFailedException e) {
            error = e.getMessage();
            queue.fail(job.id(), error);
        }
        if (job.callbackUrl() != null && runner != null) {
            outbox.schedule(job.id(), job.callbackUrl(), runner.deliveryBody(job, result, error));
        }
        return true;
    }
}
