package io.runbox.core.jobs;

import java.time.Instant;

/**
 * A stored job.
 *
 * @param attempts how many times a worker has started it (more than one after a crash re-queued it)
 * @param result   the result JSON once {@code DONE}, else {@code null}
 * @param error    why it {@code FAILED}, else {@code null}
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
        Instant finishedAt) {
}
