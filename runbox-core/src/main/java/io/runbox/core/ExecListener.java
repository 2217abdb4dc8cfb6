package io.runbox.core;

/**
 * Follows an execution as it happens: which stage starts, and the run stage's live input and output
 * ({@link BoxIo}). The engine calls it from the thread that runs the execution.
 */
public interface ExecListener {

    /** A stage starts: {@code compile} or {@code run}. */
    void stage(String stage);

    /** Live I/O of the run stage. */
    BoxIo runIo();
}
