package io.runbox.sandbox.fs;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Writes to a FIFO without ever blocking on its reader: opened write-only and non-blocking (so a FIFO nobody reads
 * any more is refused at once rather than filled), and written in what the pipe takes, until a deadline. Bound with
 * JNA, as the JDK has no non-blocking FIFO.
 */
public final class FifoWriter {
    private FifoWriter() {
    }

    /**
     * Writes all of {@code bytes} to the FIFO at {@code fifo}.
     *
     * @param alive false once the reader is known gone (checked while the pipe is full)
     * @throws IOException when no one reads the FIFO, the reader is gone, or the deadline passes first; part of
     *                     the bytes may have been written then
     */
    public static void writeAll(Path fifo, byte[] bytes, long deadlineNanos, BooleanSupplier alive) throws IOException {
        int fd;
        try {
            fd = Libc.openat(Libc.AT_FDCWD, Libc.path(fifo.toString()), Libc.O_WRONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new IOException(e.getErrorCode() == Libc.ENXIO ? "nothing reads " + fifo : "cannot open " + fifo + ": "
                    + e.getMessage(), e);
        }
        try {
            int done = 0;
            while (done < bytes.length) {
                try {
                    done += (int) Libc.write(fd, done == 0 ? bytes : Arrays.copyOfRange(bytes, done, bytes.length),
                            bytes.length - done);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == Libc.EINTR) {
                        continue;
                    }
                    if (e.getErrorCode() != Libc.EAGAIN) {
                        throw new IOException("cannot write to " + fifo + ": " + e.getMessage(), e);
                    }
                    if (!alive.getAsBoolean() || System.nanoTime() > deadlineNanos) {
                        throw new IOException("the reader of " + fifo + " took no more after " + done + " of "
                                + bytes.length + " bytes");
                    }
                    pause();
                }
            }
        } finally {
            Libc.closeQuietly(fd);
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing to a FIFO", e);
        }
    }
}
