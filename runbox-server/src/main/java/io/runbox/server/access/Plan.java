package io.runbox.server.access;

import java.time.Duration;

/**
 * What a key's plan allows; {@code null} means no limit of the plan's own (the server's limits still hold).
 *
 * @param requestsPerSecond token-bucket rate
 * @param requestsPerMonth  calls per calendar month (UTC)
 * @param maxConcurrent     synchronous executions at once
 * @param maxRunTimeout     the largest timeout a request may ask for, per stage
 * @param maxMemory         the largest memory limit a request may ask for, in bytes
 * @param maxOutput         the largest output cap a request may ask for, in bytes
 * @param maxOutputFile     the most bytes one returned file ({@code output_files}) may hold, whole
 * @param maxOutputFiles    the most bytes all returned files of one run may hold together
 */
public record Plan(String name, Long requestsPerSecond, Long requestsPerMonth, Integer maxConcurrent,
                   Duration maxRunTimeout, Long maxMemory, Long maxOutput, Long maxOutputFile, Long maxOutputFiles) {

    /** A plan without caps of its own on returned files (the server's defaults hold). */
    public Plan(String name, Long requestsPerSecond, Long requestsPerMonth, Integer maxConcurrent,
                Duration maxRunTimeout, Long maxMemory, Long maxOutput) {
        this(name, requestsPerSecond, requestsPerMonth, maxConcurrent, maxRunTimeout, maxMemory, maxOutput, null,
                null);
    }
}
