package io.runbox.execution.session;

import io.runbox.core.OutputFile;
import java.util.List;

/**
 * What one call in a session produced.
 *
 * @param exitCode  0, or 1 when the code raised (the session lives on)
 * @param timedOut  the call passed its time limit; the session was restarted and its state lost
 * @param stateLost the session's earlier state is gone (after a timeout)
 * @param cpuMs     the CPU time the call took, as its driver measured it, or -1 when the driver does not tell
 * @param table     the table the call's last expression left (a pandas DataFrame), or {@code null}
 * @param files     the workspace's files the call asked for, and the figures it showed ({@code plt.show()})
 */
public record SessionReply(int exitCode, String stdout, String stderr, long durationMs, boolean timedOut,
                           boolean stateLost, boolean truncated, long cpuMs, SessionTable table,
                           List<OutputFile> files) {
    public SessionReply {
        files = files == null ? List.of() : List.copyOf(files);
    }

    public SessionReply withFiles(List<OutputFile> value) {
        return new SessionReply(exitCode, stdout, stderr, durationMs, timedOut, stateLost, truncated, cpuMs, table,
                value);
    }
}
