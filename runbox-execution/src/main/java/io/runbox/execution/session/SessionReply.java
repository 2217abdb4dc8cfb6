package io.runbox.execution.session;

/**
 * What one call in a session produced.
 *
 * @param exitCode  0, or 1 when the code raised (the session lives on)
 * @param timedOut  the call passed its time limit; the session was restarted and its state lost
 * @param stateLost the session's earlier state is gone (after a timeout)
 * @param cpuMs     the CPU time the call took, as its driver measured it, or -1 when the driver does not tell
 */
public record SessionReply(int exitCode, String stdout, String stderr, long durationMs, boolean timedOut,
                           boolean stateLost, boolean truncated, long cpuMs) {
}
