package io.runbox.sandbox;

import io.runbox.core.BoxCommand;
import io.runbox.core.BoxIo;
import io.runbox.core.BoxResult;
import io.runbox.core.Deadline;
import io.runbox.sandbox.cgroup.Cgroup;
import io.runbox.sandbox.cgroup.CgroupUsage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One command's life in a started box: feed stdin, read stdout/stderr up to the cap, enforce the wall time,
 * then kill whatever is left through the cgroup and read its accounting. A warm box is released here, so its
 * clock and CPU time start when its command does, not when the box was set up. Whether the box or its program
 * failed is told by the box's status channel ({@link BoxStatus}), never by what the program printed.
 *
 * <p>Threads: the pipes are moved by {@link PipeThread}s (platform threads); the caller's thread only parks
 * (waiting for the launcher's exit, then for the drains), so it may be a virtual thread. Interrupting it kills
 * the box.
 */
final class BoxRun {
    /** How often a box with a CPU-time limit has its CPU time looked at. */
    static final long CPU_CHECK_MS = 100;
    private BoxRun() {
    }

    static BoxResult run(RunningBox box, BoxCommand command) throws IOException {
        Process process = box.process();
        Cgroup cgroup = box.cgroup();
        AtomicBoolean outputLimitHit = new AtomicBoolean();
        Runnable killOnOverflow = () -> {
            outputLimitHit.set(true);
            killQuietly(cgroup);
        };
        long setupCpuMs = 0;
        long started = box.launchedNanos();
        if (box.isWarm()) {
            setupCpuMs = cgroup.usage().cpuMs();
            try {
                box.release(command.argv());
            } catch (IOException e) {
                throw new BoxNotStartedException("could not release a warm box: " + e.getMessage(), e, true);
            }
            started = System.nanoTime();
        }
        long cap = command.limits().outputBytes();
        BoxIo io = command.io();
        CappedStream out = new CappedStream(cap, killOnOverflow, io == null ? null : io::stdout);
        CappedStream err = new CappedStream(cap, killOnOverflow, io == null ? null : io::stderr);
        String name = "runbox-box" + box.uid();
        PipeThread outReader = PipeThread.start(name + "-stdout", () -> out.drain(process.getInputStream()));
        PipeThread errReader = PipeThread.start(name + "-stderr", () -> err.drain(process.getErrorStream()));

        if (io != null) {
            io.started(() -> {
                try {
                    return process.isAlive() ? cgroup.currentMemory() : 0;
                } catch (IOException e) {
                    return 0;
                }
            });
        }
        InputStream live = io == null ? null : io.stdin();
        PipeThread stdinWriter = PipeThread.start(name + "-stdin", () -> {
            if (live != null) {
                pump(live, process.getOutputStream());
            } else {
                feed(process.getOutputStream(), command.stdin());
            }
        });

        Deadline wall = Deadline.of(started, command.limits().wallTime());
        boolean timedOut;
        try {
            timedOut = command.cpuTime() == null ? !exitsWithin(process, wall.remainingNanos())
                    : !exitsWithinCpu(process, wall, cgroup, setupCpuMs, command.cpuTime().toMillis());
            if (timedOut) {
                cgroup.killAll();
                process.destroyForcibly();
                exitsWithin(process, Long.MAX_VALUE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cgroup.killAll();
            process.destroyForcibly();
            throw new IOException("interrupted while the box ran", e);
        }
        long wallMs = (System.nanoTime() - started) / 1_000_000;
        // Whatever outlived the main program (daemons, orphans holding the pipes) dies here.
        cgroup.killAll();
        stdinWriter.interrupt();
        joinQuietly(outReader, errReader);

        CgroupUsage usage = cgroup.usage();
        int exit = process.exitValue();
        byte[] stderr = err.bytes();
        box.status().check(exit, stderr, timedOut || outputLimitHit.get() || usage.oomKilled(), io == null);
        Integer signal = exit > 128 && exit < 128 + 65 ? exit - 128 : null;
        return new BoxResult(out.bytes(), stderr, outputLimitHit.get(), exit, signal, timedOut,
                usage.oomKilled(), wallMs, Math.max(0, usage.cpuMs() - setupCpuMs), usage.peakMemoryBytes());
    }

    /**
     * As {@link #exitsWithin}, also ending the wait once the box's processes used {@code cpuMs} of CPU time beyond
     * {@code setupCpuMs}, looked at every {@value #CPU_CHECK_MS} ms.
     */
    private static boolean exitsWithinCpu(Process process, Deadline wall, Cgroup cgroup, long setupCpuMs, long cpuMs)
            throws InterruptedException {
        while (true) {
            long remaining = wall.remainingNanos();
            if (remaining <= 0) {
                return process.onExit().isDone();
            }
            if (exitsWithin(process, Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(CPU_CHECK_MS)))) {
                return true;
            }
            try {
                if (cgroup.usage().cpuMs() - setupCpuMs > cpuMs) {
                    return false;
                }
            } catch (IOException e) {
                // The cgroup is being torn down as the box ends; the next wait sees the exit.
            }
        }
    }

    /**
     * Waits for the launcher to exit, for at most {@code nanos}; parks the calling thread (a virtual thread
     * yields its carrier), unlike a monitor wait.
     */
    private static boolean exitsWithin(Process process, long nanos) throws InterruptedException {
        try {
            process.onExit().get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for a process failed", e.getCause());
        }
    }

    /** Copies live input to the program as it comes, flushing each chunk; ends when either side does. */
    private static void pump(InputStream from, OutputStream stdin) {
        try (stdin) {
            byte[] buf = new byte[4096];
            int n;
            while ((n = from.read(buf)) >= 0) {
                stdin.write(buf, 0, n);
                stdin.flush();
            }
        } catch (IOException e) {
            // The program exited or closed its input.
        }
    }

    private static void feed(OutputStream stdin, byte[] bytes) {
        try (stdin) {
            stdin.write(bytes);
        } catch (IOException e) {
            // The program closed stdin or exited early; the rest of the input is not wanted.
        }
    }

    private static void killQuietly(Cgroup cgroup) {
        try {
            cgroup.killAll();
        } catch (IOException e) {
            // The final killAll after the wait reports a lasting failure.
        }
    }

    private static void joinQuietly(PipeThread... threads) throws IOException {
        try {
            for (PipeThread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while collecting output", e);
        }
    }
}
