package io.runbox.core.jobs;

import java.time.Instant;

/**
 * One pending delivery of a result to a callback URL.
 *
 * @param kind     the kind of the job whose result it delivers (its front door decides the HTTP method)
 * @param attempts deliveries tried so far
 * @param dueAt    when the next try is due
 */
public record CallbackDelivery(long id, String jobId, String kind, String url, String body, int attempts, Instant dueAt) {
}
