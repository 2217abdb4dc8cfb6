package io.runbox.sandbox;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts processes from one long-lived platform thread. bubblewrap's {@code --die-with-parent} ties a box to
 * the <em>thread</em> that forked it (PR_SET_PDEATHSIG); starting every box from a thread that never exits
 * keeps boxes from being killed when a pool retires the caller's thread.
 */
final class ProcessSpawner {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "runbox-spawner");
        t.setDaemon(true);
        return t;
    });

    Process start(ProcessBuilder builder) throws IOException {
        try {
            return thread.submit(builder::start).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot start " + builder.command().get(0), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting a box", e);
        }
    }
}
