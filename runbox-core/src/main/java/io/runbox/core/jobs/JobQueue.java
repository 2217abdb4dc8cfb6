package io.runbox.core.jobs;

import java.time.Duration;
import java.util.Collection;
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
     * runs out after {@code lease}, and counting one more attempt; empty when none is queued. Two callers
     * never get the same job.
     */
    Optional<Job> claim(String worker, Duration lease);

    /**
     * As {@link #claim(String, Duration)}, but takes only a job that any node can run or whose
     * {@link NewJob#language() language} is one of {@code languages} (the languages this worker's node serves).
     * The oldest such job is taken; older jobs for other languages stay queued for nodes that serve them.
     */
    Optional<Job> claim(String worker, Duration lease, Collection<String> languages);

    /**
     * Extends a claimed job's lease to {@code lease} from now, while its worker is alive and running it.
     *
     * @return false when that claim is no longer the job's (see {@link #complete})
     */
    boolean renew(Job claimed, Duration lease);

    /**
     * Marks a claimed job done with its result and, in the same transaction, schedules the delivery of
     * {@code callbackBody} to the job's callback URL ({@link CallbackOutbox}) when the job has one and the
     * body is not {@code null}: a crash keeps both or neither.
     *
     * @param claimed the job as {@link #claim} returned it
     * @return false, changing nothing, when that claim is no longer the job's (its lease ran out and the job
     *         was re-queued or claimed again, or it already finished)
     */
    boolean complete(Job claimed, String resultJson, String callbackBody);

    /** As {@link #complete}, but marks the job failed with a reason a client can read. */
    boolean fail(Job claimed, String reason, String callbackBody);

    /**
     * Stores a job that already ran while its client waited (a synchronous request kept readable by id) as
     * {@link JobStatus#DONE} with its result, one attempt counted and, in the same transaction, the delivery of
     * {@code callbackBody} when the job has a callback URL and the body is not {@code null}.
     */
    void record(NewJob job, String resultJson, String callbackBody);

    /**
     * Deletes a job that has ended ({@code DONE} or {@code FAILED}) together with its callback deliveries, delivered
     * or not.
     *
     * @return false, changing nothing, when there is no such job or it is still queued or running
     */
    boolean delete(String id);

    Optional<Job> find(String id);

    /**
     * Gives a claimed job back to the queue at once, its attempt still counted, because its worker stops before it
     * ends (a node draining): another worker may claim it without waiting for the lease to run out.
     *
     * @return false, changing nothing, when that claim is no longer the job's
     */
    boolean release(Job claimed);

    /**
     * Re-queues jobs whose worker died: running jobs with an expired lease or, with {@code everyRunning}, all
     * running jobs (as after a restart of the only node). Their attempts stay counted; whoever claims a job
     * next decides whether it has been started too often to run again.
     *
     * @return how many jobs were re-queued
     */
    int recover(boolean everyRunning);

    /** Jobs waiting to run. */
    long queued();
}
