package io.runbox.core.jobs;

import java.time.Instant;

/**
 * One pending delivery of a result to a callback URL.
 *
 * @param kind        the kind of the job whose result it delivers (its front door decides the HTTP method)
 * @param attempts    deliveries tried so far
 * @param dueAt       when the next try is due
 * @param deliveryKey a random, unguessable id made when the delivery was scheduled and the same on every try, so
 *                    a receiver can recognise a delivery it already accepted
 */
public record CallbackDelivery(long id, String jobId, String kind, String url, String body, int attempts, Instant dueAt,
                               String deliveryKey) {

    /** A delivery whose key is not known. */
    public CallbackDelivery(long id, String jobId, String kind, String url, String body, int attempts, Instant dueAt) {
        this(id, jobId, kind, url, body, attempts, dueAt, null);
    }
}
