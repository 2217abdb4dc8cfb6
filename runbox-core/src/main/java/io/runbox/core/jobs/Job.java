package io.runbox.core.jobs;

import java.time.Instant;

/**
 * A stored job.
 *
 * @param attempts how many times a worker has started it (more than one after a crash re-queued it)
 * @param result   the result JSON once {@code DONE}, else {@code null}
 * @param error    why it {@code FAILED}, else {@code null}
 * @param language the language a node must serve to run it, or {@code null} when any node can ({@link NewJob})
 */
public record Job(
        String id,
        String kind,
        String owner,
        JobStatus status,
        String requestJson,
        String callbackUrl,
        String extraParams,
        String result,
        String error,
        int attempts,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String language) {

    /** A job any node can run. */
    public Job(String id, String kind, String owner, JobStatus status, String requestJson, String callbackUrl,
               String extraParams, String result, String error, int attempts, Instant createdAt, Instant startedAt,
               Instant finishedAt) {
        this(id, kind, owner, status, requestJson, callbackUrl, extraParams, result, error, attempts, createdAt,
                startedAt, finishedAt, null);
    }
}
