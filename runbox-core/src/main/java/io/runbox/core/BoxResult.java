package io.runbox.core;

/**
 * What a sandbox observed of one box. Facts only; the engine turns them into a {@link Status}.
 *
 * @param stdout          captured standard output, at most the output cap
 * @param stderr          captured standard error, at most the output cap
 * @param outputLimitHit  whether a stream passed the cap (the box was then killed)
 * @param exitCode        exit code; 128+N when killed by signal N
 * @param signal          the killing signal, or {@code null}
 * @param timedOut        whether the wall-time limit ended it
 * @param oomKilled       whether the memory limit ended it
 * @param wallMs          wall time from start to the end of the last process
 * @param cpuMs           CPU time of the whole tree
 * @param peakMemoryBytes peak memory of the whole tree
 */
public record BoxResult(
        byte[] stdout,
        byte[] stderr,
        boolean outputLimitHit,
        int exitCode,
        Integer signal,
        boolean timedOut,
        boolean oomKilled,
        long wallMs,
        long cpuMs,
        long peakMemoryBytes) {
}
