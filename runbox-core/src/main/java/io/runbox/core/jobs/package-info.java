/**
 * Durable asynchronous jobs: the {@link io.runbox.core.jobs.JobQueue} that holds them from acceptance to
 * result, and the {@link io.runbox.core.jobs.CallbackOutbox} that holds result deliveries until they
 * succeed or are given up. Payloads are opaque JSON text; the store does not interpret them.
 */
package io.runbox.core.jobs;
