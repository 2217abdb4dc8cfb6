package io.runbox.core;

/** How a stage (compile or run) ended. Each value has one meaning; callers map it to their own wire format. */
public enum Status {
    /** Exited with code 0. */
    OK,
    /** Exited non-zero or was killed by a signal that no limit explains. */
    RUNTIME_ERROR,
    /** The compile stage failed; the run stage did not happen. */
    COMPILE_ERROR,
    /** Killed because the wall-time limit passed (exit code 124 by convention). */
    TIME_LIMIT,
    /** Killed by the memory limit (exit code 137, signal 9 by convention). */
    MEMORY_LIMIT,
    /** Killed because it wrote more than the output cap or the file-size limit. */
    OUTPUT_LIMIT,
    /**
     * Stopped by whoever asked for it before it ended (a client's {@code kill}, a client gone): the program
     * did nothing wrong and Runbox did not fail. Exit code 137, signal 9, as a kill.
     */
    KILLED,
    /** Runbox itself failed; the program's behaviour is unknown. */
    INTERNAL_ERROR
}
