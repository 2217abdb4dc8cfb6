package io.runbox.core;

import java.util.List;

/**
 * The outcome of one stage.
 *
 * @param stdout    standard output, decoded as UTF-8 (invalid bytes become U+FFFD)
 * @param stderr    standard error, decoded likewise
 * @param exitCode  the exit code, following the seeds' conventions: 124 on timeout, 128+N when killed by signal N
 * @param signal    the signal that killed the program, or {@code null}
 * @param status    why it ended
 * @param wallMs    wall time
 * @param cpuMs     CPU time of the whole process tree
 * @param memoryKb  peak memory of the whole process tree
 * @param truncated whether stdout or stderr was cut at the output cap
 * @param diagnostics what the compiler or interpreter said about places in the program, parsed from its output
 */
public record StageResult(
        String stdout,
        String stderr,
        int exitCode,
        Integer signal,
        Status status,
        long wallMs,
        long cpuMs,
        long memoryKb,
        boolean truncated,
        List<Diagnostic> diagnostics) {

    public StageResult {
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
    }

    /** A stage without diagnostics. */
    public StageResult(String stdout, String stderr, int exitCode, Integer signal, Status status, long wallMs,
                       long cpuMs, long memoryKb, boolean truncated) {
        this(stdout, stderr, exitCode, signal, status, wallMs, cpuMs, memoryKb, truncated, List.of());
    }

    public StageResult withDiagnostics(List<Diagnostic> value) {
        return new StageResult(stdout, stderr, exitCode, signal, status, wallMs, cpuMs, memoryKb, truncated, value);
    }
}
