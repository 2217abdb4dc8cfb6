package io.runbox.server.jobs;

import io.runbox.core.jobs.Job;

/** Turns a stored job's request JSON into a result JSON; the front door that accepted it knows how. */
@FunctionalInterface
public interface JobRunner {

    /**
     * @return the result JSON
     * @throws JobFailedException when the job cannot run (its request is no longer valid, say)
     */
    String run(Job job) throws JobFailedException;

    /** The job could not run; the message is shown to its owner. */
    final class JobFailedException extends Exception {
        public JobFailedException(String message) {
            super(message);
        }
    }
}
