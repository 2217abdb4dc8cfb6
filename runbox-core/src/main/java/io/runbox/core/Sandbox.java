package io.runbox.core;

import java.io.IOException;

/**
 * Runs one command in an isolated box over a workspace: no network, no view of the host beyond its
 * toolchains, bounded memory, processes, CPU, time and output. Every call is a fresh box; nothing of the
 * process tree survives the call.
 *
 * <p>Implementations must refuse to run rather than run unsandboxed: when they cannot isolate they throw
 * at construction, naming what is missing.
 */
public interface Sandbox extends AutoCloseable {

    /** A new, empty workspace the caller may fill with files before {@link #run}. The caller closes it. */
    Workspace newWorkspace() throws IOException;

    /**
     * Runs {@code command} with the workspace mounted read-write at {@link BoxCommand#BOX_DIR}, blocking until
     * the program ends or a limit ends it. Every process the command started is dead when this returns.
     *
     * @throws IOException when the box could not be set up; the program did not run
     */
    BoxResult run(Workspace workspace, BoxCommand command) throws IOException;

    /** A short description for logs, such as {@code bubblewrap 0.8.0, cgroup v1}. */
    String describe();

    /** Releases what the sandbox holds between runs (boxes set up ahead, say); runs in progress end as they would. */
    @Override
    default void close() {
    }
}
