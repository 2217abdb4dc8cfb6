package io.runbox.server.api.agentrunner;

/**
 * A result as the agent-runner documents show it: {@code duration} is wall-clock milliseconds (compile and
 * run), {@code stdout} without its final newline, as the documents' examples print it.
 */
public record AgentRunResult(String id, String language, int exitCode, String stdout, String stderr, long duration,
                             boolean timedOut, boolean truncated) {
}
