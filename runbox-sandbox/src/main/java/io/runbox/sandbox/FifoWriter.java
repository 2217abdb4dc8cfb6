package io.runbox.sandbox;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Writes to a FIFO without ever blocking on its reader: opened write-only and non-blocking (so a FIFO nobody reads
 * any more is refused at once rather than filled), and written in what the pipe takes, until a deadline. Bound with
 * JNA, as the JDK has no non-blocking FIFO.
 */
final class FifoWriter {
    private static final int AT_FDCWD = -100;
    private static final int O_WRONLY = 1;
    private static final int O_NONBLOCK = 0x800;
    private static final int O_CLOEXEC = 0x80000;
    private static final int EINTR = 4;
    private static final int ENXIO = 6;
    private static final int EAGAIN = 11;

    static {
        Native.register(FifoWriter.class, NativeLibrary.getInstance("c"));
    }

    private FifoWriter() {
    }

    private static native int openat(int dirfd, byte[] path, int flags, int mode) throws LastErrorException;

    private static native long write(int fd, byte[] buf, long count) throws LastErrorException;

    private static native int close(int fd) throws LastErrorException;

    /**
     * Writes all of {@code bytes} to the FIFO at {@code fifo}.
     *
     * @param alive false once the reader is known gone (checked while the pipe is full)
     * @throws IOException when no one reads the FIFO, the reader is gone, or the deadline passes first; part of
     *                     the bytes may have been written then
     */
    static void writeAll(Path fifo, byte[] bytes, long deadlineNanos, BooleanSupplier alive) throws IOException {
        byte[] path = (fifo.toString() + "\0").getBytes(StandardCharsets.UTF_8);
        int fd;
        try {
            fd = openat(AT_FDCWD, path, O_WRONLY | O_NONBLOCK | O_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new IOException(e.getErrorCode() == ENXIO ? "nothing reads " + fifo : "cannot open " + fifo + ": "
                    + e.getMessage(), e);
        }
        try {
            int done = 0;
            while (done < bytes.length) {
                try {
                    done += (int) write(fd, done == 0 ? bytes : Arrays.copyOfRange(bytes, done, bytes.length),
                            bytes.length - done);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == EINTR) {
                        continue;
                    }
                    if (e.getErrorCode() != EAGAIN) {
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
            close(fd);
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
