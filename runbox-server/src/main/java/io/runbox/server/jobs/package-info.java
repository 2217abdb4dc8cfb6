/**
 * Asynchronous jobs: accepting them into the store, workers that take them from the store (never from
 * memory alone) under a lease and always bring them to an end, and signed result deliveries to callback
 * URLs with retries, several at once within per-host bounds.
 */
package io.runbox.server.jobs;
