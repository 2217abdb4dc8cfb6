package io.runbox.sandbox;

import java.util.concurrent.CountDownLatch;

/**
 * A platform thread that moves one of a box's standard streams: it drains stdout or stderr, or feeds stdin.
 * Those are blocking pipe reads and writes that a program controls (it may never write, never read, never
 * exit), and on a virtual thread each would pin its carrier: a few sleeping programs would then leave no
 * carrier for any request. So they never run on virtual threads.
 *
 * <p>The count is bounded: a box has at most three while it runs a command (none while it waits warm), and
 * no more boxes exist at once than the sandbox has box uids ({@link SandboxConfig#uidCount()}, 64 by
 * default), so at most three times that many. Waiting for one to end ({@link #join()}) parks the caller, which
 * may be a virtual thread.
 */
final class PipeThread {
    private final Thread thread;
    private final CountDownLatch done = new CountDownLatch(1);

    private PipeThread(String name, Runnable work) {
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(() -> {
            try {
                work.run();
            } finally {
                done.countDown();
            }
        });
    }

    /** Starts {@code work}, which must end when its pipe does (EOF, a broken pipe) or when interrupted. */
    static PipeThread start(String name, Runnable work) {
        PipeThread t = new PipeThread(name, work);
        t.thread.start();
        return t;
    }

    /** Asks the work to stop; a thread blocked in a pipe write stops once the box is dead and the pipe breaks. */
    void interrupt() {
        thread.interrupt();
    }

    /** Waits until the work has ended; what it wrote is visible to the caller afterwards. */
    void join() throws InterruptedException {
        done.await();
    }
}
