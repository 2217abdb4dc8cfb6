package io.runbox.core;

import java.nio.file.Path;

/**
 * A workspace: what a box sees at {@code /box}. A program owns it while it runs and may leave anything there
 * (links to host paths, FIFOs, sparse files, trees deeper than {@code PATH_MAX}), so the host reads and writes
 * below {@link #dir()} only through the sandbox's safe file layer, never with a link-following {@code Path} API.
 */
public interface Workspace extends AutoCloseable {

    /** The host directory bound at {@code /box}. It may change across a {@link Sandbox#run} (never during one). */
    Path dir();

    /**
     * Discards the workspace and everything in it, in bounded time whatever a program left there. Never throws:
     * a failure is logged and the workspace's space is reclaimed later.
     */
    @Override
    void close();
}
