package io.runbox.core;

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
        boolean truncated) {
}
