/**
 * Asynchronous jobs: accepting them into the store, workers that take them from the store (never from
 * memory alone), and signed result deliveries to callback URLs with retries.
 */
package io.runbox.server.jobs;
