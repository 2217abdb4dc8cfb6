package io.runbox.core;

import java.time.Duration;

/**
 * Resource limits for one stage. Any field may be {@code null}, meaning "not set at this level"; limits
 * resolve by layering ({@link #orElse}) from the request down to the global defaults, after which
 * {@link #isComplete()} holds.
 *
 * @param wallTime     wall-clock time before the box is killed
 * @param memoryBytes  memory (RAM, swap off) of the whole process tree
 * @param pids         processes and threads alive at once
 * @param cpus         CPU quota, in cores
 * @param outputBytes  bytes read from each of stdout and stderr before the box is killed
 * @param fileSizeBytes largest file the program may write
 * @param openFiles    open file descriptors per process
 */
public record Limits(
        Duration wallTime,
        Long memoryBytes,
        Integer pids,
        Double cpus,
        Long outputBytes,
        Long fileSizeBytes,
        Integer openFiles) {

    /** No limit set at this level. */
    public static final Limits UNSET = new Limits(null, null, null, null, null, null, null);

    /** Runbox's own defaults: the bottom of every resolution chain. */
    public static final Limits DEFAULTS = new Limits(
            Duration.ofSeconds(30), 512L << 20, 64, 2.0, 10L << 20, 64L << 20, 256);

    /** Field by field: this level's value where set, otherwise {@code fallback}'s. */
    public Limits orElse(Limits fallback) {
        return new Limits(
                wallTime != null ? wallTime : fallback.wallTime,
                memoryBytes != null ? memoryBytes : fallback.memoryBytes,
                pids != null ? pids : fallback.pids,
                cpus != null ? cpus : fallback.cpus,
                outputBytes != null ? outputBytes : fallback.outputBytes,
                fileSizeBytes != null ? fileSizeBytes : fallback.fileSizeBytes,
                openFiles != null ? openFiles : fallback.openFiles);
    }

    /** True when every field is set, as a sandbox requires. */
    public boolean isComplete() {
        return wallTime != null && memoryBytes != null && pids != null && cpus != null
                && outputBytes != null && fileSizeBytes != null && openFiles != null;
    }

    public Limits withWallTime(Duration value) {
        return new Limits(value, memoryBytes, pids, cpus, outputBytes, fileSizeBytes, openFiles);
    }

    public Limits withMemoryBytes(Long value) {
        return new Limits(wallTime, value, pids, cpus, outputBytes, fileSizeBytes, openFiles);
    }

    public Limits withPids(Integer value) {
        return new Limits(wallTime, memoryBytes, value, cpus, outputBytes, fileSizeBytes, openFiles);
    }

    public Limits withFileSizeBytes(Long value) {
        return new Limits(wallTime, memoryBytes, pids, cpus, outputBytes, value, openFiles);
    }

    public Limits withOutputBytes(Long value) {
        return new Limits(wallTime, memoryBytes, pids, cpus, value, fileSizeBytes, openFiles);
    }
}
