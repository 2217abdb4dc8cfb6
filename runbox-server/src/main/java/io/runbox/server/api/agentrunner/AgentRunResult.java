package io.runbox.server.api.agentrunner;

/**
 * A result as the agent-runner documents show it: {@code duration} is wall-clock milliseconds (compile and
 * run), {@code stdout} without its final newline, as the documents' examples print it; {@code compiler} (Runbox's,
 * after the documents' fields) names the installed compiler that ran.
 */
public record AgentRunResult(String id, String language, int exitCode, String stdout, String stderr, long duration,
                             boolean timedOut, boolean truncated, String compiler) {
}
