package io.runbox.core.jobs;

import java.time.Duration;
import java.util.Optional;

/**
 * The durable queue of asynchronous jobs. Every method's effect is committed when it returns, so a job
 * accepted here survives a crash of the process right after.
 */
public interface JobQueue {

    /** Stores a new job as {@link JobStatus#QUEUED}. */
    void enqueue(NewJob job);

    /**
     * Atomically takes the oldest queued job, marking it running under {@code worker} with a lease that
     * runs out after {@code lease}; empty when none is queued. Two callers never get the same job.
     */
    Optional<Job> claim(String worker, Duration lease);

    /** Marks a running job done with its result. */
    void complete(String id, String resultJson);

    /** Marks a job failed with a reason a client can read. */
    void fail(String id, String reason);

    Optional<Job> find(String id);

    /**
     * Recovers jobs whose worker died: running jobs with an expired lease (or, with {@code everyRunning},
     * all running jobs, as after a restart of the only node) go back to the queue if they have been started
     * fewer than {@code maxAttempts} times, and are marked failed with {@code reason} otherwise.
     *
     * @return how many jobs were re-queued or failed
     */
    int recover(boolean everyRunning, int maxAttempts, String reason);

    /** Jobs waiting to run. */
    long queued();
}
