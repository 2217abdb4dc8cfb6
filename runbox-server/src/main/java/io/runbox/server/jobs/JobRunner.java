package io.runbox.server.jobs;

import io.runbox.core.jobs.Job;

/**
 * Runs the jobs one front door accepted: turns a stored request into a result, and a result (or the reason
 * the job failed) into the body its callback receives, both in that front door's format.
 */
public interface JobRunner {

    /**
     * @return the result JSON
     * @throws JobFailedException when the job cannot run (its request is no longer valid, say)
     */
    String run(Job job) throws JobFailedException;

    /**
     * The callback body for a finished job.
     *
     * @param result the result JSON when the job is done, else {@code null}
     * @param error  why it failed, else {@code null}
     */
    String deliveryBody(Job job, String result, String error);

    /** The HTTP method its callbacks are sent with: POST unless the front door's clients expect another. */
    default String callbackMethod() {
        return "POST";
    }

    /** The job could not run; the message is shown to its owner. */
    final class JobFailedException extends Exception {
        public JobFailedException(String message) {
            super(message);
        }
    }
}
