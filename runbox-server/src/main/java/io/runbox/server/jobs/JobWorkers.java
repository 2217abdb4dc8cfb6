package io.runbox.server.jobs;

import io.runbox.core.jobs.Job;
import io.runbox.core.jobs.JobQueue;
import io.runbox.server.exec.ExecutionGate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workers that take jobs from the store: each waits for an execution slot, claims the oldest queued job
 * under a lease, runs it, and stores its end together with its callback (one transaction). Every claimed job
 * ends: done, or failed with a reason when its runner refuses it or breaks, or when it has already been
 * started more than {@code maxAttempts} times without finishing. A periodic sweep renews the leases of the
 * jobs this process runs and re-queues jobs whose lease ran out (their worker or node died, or its store
 * writes failed); on start, jobs left running by a previous process are re-queued too, unless the store is shared
 * with other nodes (whose running jobs are theirs: only expired leases are taken back there). Workers claim only
 * jobs for languages this node has (or for none in particular). On stop, workers take no new job and running ones
 * get a grace period; whatever is still running then goes back to the queue at once, for another node or the next
 * start. A job's end that the store cannot take (the database is away) is retried until its lease would run out.
 */
public final class JobWorkers {
    private static final Logger LOG = LoggerFactory.getLogger(JobWorkers.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** How long a worker waits before it tries again to store a job's end the store refused. */
    private static final Duration STORE_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_SWEEP_PERIOD = Duration.ofSeconds(30);
    /** Sweeps per lease: a live worker's lease is renewed this many times before it could run out. */
    private static final int SWEEPS_PER_LEASE = 3;
    /** What the owner of a job whose runner broke reads; the cause goes to the log, never to a user. */
    static final String INTERNAL_FAILURE = "the server failed while running this job (internal error)";

    private final JobQueue queue;
    private final ExecutionGate gate;
    private final int count;
    private final int maxAttempts;
    private final Duration lease;
    private final boolean sharedStore;
    private final Supplier<Collection<String>> languages;
    private final Semaphore wakeups = new Semaphore(0);
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("runbox-job-lease-sweep").daemon(true).unstarted(r));
    private final Set<Job> running = ConcurrentHashMap.newKeySet();
    private volatile Map<String, JobRunner> runners = Map.of();
    private volatile boolean stopping;

    /**
     * @param maxAttempts starts of one job before it is failed instead of run again
     * @param lease       how long a claimed job whose lease is no longer renewed stays claimed before it is
     *                    taken for abandoned and re-queued
     * @param sharedStore other nodes use the same store (their running jobs are not left over from this one)
     * @param languages   the languages this node runs, asked at each claim (the installed set may change)
     */
    public JobWorkers(JobQueue queue, ExecutionGate gate, int count, int maxAttempts, Duration lease,
                      boolean sharedStore, Supplier<Collection<String>> languages) {
        this.queue = queue;
        this.gate = gate;
        this.count = count;
        this.maxAttempts = maxAttempts;
        this.lease = lease;
        this.sharedStore = sharedStore;
        this.languages = languages;
    }

    /**
     * Recovers what a previous process left running, then starts the workers and the lease sweep.
     *
     * @param jobRunners the runner of each job kind (the front door that accepts such jobs)
     */
    public synchronized void start(Map<String, JobRunner> jobRunners) {
        this.runners = Map.copyOf(jobRunners);
        try {
            int recovered = queue.recover(!sharedStore);
            if (recovered > 0) {
                LOG.info("recovered {} job(s) left running by a previous process", recovered);
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot recover jobs left running now (the store is unavailable?); the lease sweep will", e);
        }
        for (int i = 0; i < count; i++) {
            String name = "runbox-job-worker-" + i;
            threads.add(Thread.ofPlatform().name(name).daemon(true).start(() -> loop(name)));
        }
        long period = Math.max(1, Math.min(lease.toMillis() / SWEEPS_PER_LEASE, LONGEST_SWEEP_PERIOD.toMillis()));
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /** A job was queued: let an idle worker look now rather than at its next poll. */
    public void wake() {
        wakeups.release();
    }

    /**
     * Stops taking jobs and waits up to {@code grace} for running ones; gives back to the queue those still
     * running then.
     */
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
                break;
            }
        }
        // The leases were renewed until now, so that no other node took these jobs while they could still end here.
        sweeper.shutdownNow();
        int released = 0;
        for (Job job : running) {
            try {
                released += queue.release(job) ? 1 : 0;
            } catch (RuntimeException e) {
                LOG.warn("cannot give job {} back to the queue; it goes back when its lease runs out", job.id(), e);
            }
        }
        if (released > 0) {
            LOG.info("gave {} job(s) still running back to the queue", released);
        }
    }

    private void sweep() {
        try {
            for (Job job : running) {
                if (!queue.renew(job, lease)) {
                    LOG.warn("job {} lost its lease while running here; its result will be dropped", job.id());
                }
            }
            int requeued = queue.recover(false);
            if (requeued > 0) {
                LOG.warn("re-queued {} job(s) whose lease of {} s ran out", requeued, lease.toSeconds());
                wakeups.release(requeued);
            }
        } catch (RuntimeException e) {
            LOG.error("the job lease sweep failed; trying again at its next period", e);
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
                // The store failed: a claimed job stays running until its lease runs out and the sweep re-queues it.
                LOG.error("job worker {} failed; continuing", name, e);
            }
        }
    }

    private boolean runOne(String worker) {
        Optional<Job> claimed = queue.claim(worker, lease, languages.get());
        if (claimed.isEmpty()) {
            return false;
        }
        Job job = claimed.get();
        running.add(job);
        try {
            end(job);
        } finally {
            running.remove(job);
        }
        return true;
    }

    /** Runs a claimed job (unless it may not run again) and stores its end with its callback. */
    private void end(Job job) {
        JobRunner runner = runners.get(job.kind());
        String result = null;
        String error = null;
        try {
            if (runner == null) {
                throw new JobRunner.JobFailedException("no runner for jobs of kind '" + job.kind() + "'");
            }
            if (job.attempts() > maxAttempts) {
                throw new JobRunner.JobFailedException("started " + maxAttempts + " time(s) without finishing"
                        + " (a server stop, crash or lost lease interrupted it); not retried again");
            }
            result = runner.run(job);
        } catch (JobRunner.JobFailedException e) {
            error = e.getMessage();
        } catch (RuntimeException e) {
            LOG.error("job {} (kind {}) failed in its runner", job.id(), job.kind(), e);
            error = INTERNAL_FAILURE;
        }
        String body;
        try {
            body = callbackBody(job, runner, result, error);
        } catch (RuntimeException e) {
            LOG.error("cannot write the callback of job {}", job.id(), e);
            result = null;
            error = INTERNAL_FAILURE;
            body = callbackBody(job, runner, null, error);
        }
        boolean ended = store(job, result, error, body);
        if (!ended) {
            LOG.warn("job {} finished after its lease ran out and another attempt took it; this result is dropped",
                    job.id());
        }
    }

    /**
     * Stores the job's end, trying again while the store cannot take it (it is restarting) and the job's lease may
     * still be this worker's; after that the job goes back to the queue when its lease runs out.
     */
    private boolean store(Job job, String result, String error, String body) {
        long deadline = System.nanoTime() + lease.toNanos();
        while (true) {
            try {
                return result != null ? queue.complete(job, result, body) : queue.fail(job, error, body);
            } catch (RuntimeException e) {
                if (stopping || System.nanoTime() + STORE_RETRY.toNanos() > deadline) {
                    throw e;
                }
                LOG.warn("cannot store the end of job {} ({}); trying again in {} s", job.id(), e.getMessage(),
                        STORE_RETRY.toSeconds());
                try {
                    Thread.sleep(STORE_RETRY);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The body of the job's callback, or {@code null} when it has none (or no runner to write one). */
    private static String callbackBody(Job job, JobRunner runner, String result, String error) {
        return job.callbackUrl() == null || runner == null ? null : runner.deliveryBody(job, result, error);
    }
}
