package io.runbox.execution.judge;

/** What a judged test case, or a whole submission, came to. Each value has one meaning. */
public enum Verdict {
    /** The output was right, within every limit. */
    ACCEPTED,
    /** The program ended normally, but its output was wrong (or the checker or interactor said so). */
    WRONG_ANSWER,
    /** It passed its CPU-time or wall-time limit. */
    TIME_LIMIT_EXCEEDED,
    /** The memory limit killed it. */
    MEMORY_LIMIT_EXCEEDED,
    /** It wrote more than its output cap or a file over the file-size limit. */
    OUTPUT_LIMIT_EXCEEDED,
    /** It exited non-zero or was killed by a signal no limit explains. */
    RUNTIME_ERROR,
    /** The submission did not compile; no test case ran. */
    COMPILATION_ERROR,
    /** Runbox, a checker or an interactor failed: the submission's own behaviour is unknown, never accepted. */
    INTERNAL_ERROR
}
