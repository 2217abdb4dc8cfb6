package io.runbox.sandbox;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Work on a platform thread that blocks on a descriptor a box controls: draining stdout or stderr, feeding stdin, or
 * following a reused box's messages about a run ({@link InitRun}). Those are blocking reads and writes that a
 * program controls (it may never write, never read, never exit), and on a virtual thread each would pin its carrier:
 * a few sleeping programs would then leave no carrier for any request. So they never run on virtual threads.
 *
 * <p>The threads are kept between runs (idle ones end after a minute): starting and ending a platform thread costs
 * about half a millisecond of CPU on a small VM, four times per run. The count is bounded as it was with a thread per
 * work: a box has at most four at once while it runs a command (one while a run waits started ahead), and no more
 * boxes exist at once than the sandbox has box uids ({@link SandboxConfig#uidCount()}, 64 by default). Waiting for one
 * to end ({@link #join()}) parks the caller, which may be a virtual thread.
 */
final class PipeThread {
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("runbox-pipe-", 0).daemon(true).factory());

    private final CountDownLatch done = new CountDownLatch(1);
    /** The thread doing the work while it runs; guarded by {@code this}. */
    private Thread runner;
    private boolean interrupted;
    private boolean finished;

    private PipeThread() {
    }

    /**
     * Starts {@code work}, which must end when its pipe does (EOF, a broken pipe) or when interrupted; its thread is
     * named {@code name} meanwhile.
     */
    static PipeThread start(String name, Runnable work) {
        PipeThread t = new PipeThread();
        THREADS.execute(() -> t.run(name, work));
        return t;
    }

    private void run(String name, Runnable work) {
        Thread me = Thread.currentThread();
        String idleName = me.getName();
        synchronized (this) {
            runner = me;
            if (interrupted) {
                me.interrupt();
            }
        }
        me.setName(name);
        try {
            work.run();
        } finally {
            me.setName(idleName);
            synchronized (this) {
                finished = true;
                Thread.interrupted(); // an interrupt meant for this work stays with it
            }
            done.countDown();
        }
    }

    /** Asks the work to stop; a thread blocked in a pipe write stops once the box is dead and the pipe breaks. */
    synchronized void interrupt() {
        interrupted = true;
        if (runner != null && !finished) {
            runner.interrupt();
        }
    }

    /** Waits until the work has ended; what it wrote is visible to the caller afterwards. */
    void join() throws InterruptedException {
        done.await();
    }
}
