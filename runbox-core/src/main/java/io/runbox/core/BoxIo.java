package io.runbox.core;

import java.io.InputStream;

/**
 * Live input and output of a box, for interactive runs: {@link #stdout} and {@link #stderr} receive each
 * chunk as the program writes it (up to the output cap; the result still holds all of it), and, when
 * {@link #stdin} is not {@code null}, the program reads from it instead of the command's stdin bytes until
 * it ends.
 */
public interface BoxIo {

    void stdout(byte[] chunk);

    void stderr(byte[] chunk);

    /**
     * The box is running; {@code memoryBytes} reads the memory its processes use now, for as long as it
     * runs (zero afterwards).
     */
    default void started(java.util.function.LongSupplier memoryBytes) {
    }

    /** Live standard input, or {@code null} to use the command's stdin bytes. */
    default InputStream stdin() {
        return null;
    }

    /**
     * Whether the caller reads or writes the workspace while the program runs (a session uploading a file, say):
     * then the box must see the workspace's own directory, not a copy moved into a box set up ahead.
     */
    default boolean usesWorkspaceWhileRunning() {
        return false;
    }
}
