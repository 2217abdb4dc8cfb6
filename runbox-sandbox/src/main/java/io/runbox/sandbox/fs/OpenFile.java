package io.runbox.sandbox.fs;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.io.InputStream;

/** A regular file of a workspace, opened through the safe layer; reads go through its descriptor only. */
final class OpenFile implements AutoCloseable {
    private final int fd;
    private final Stat stat;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    OpenFile(int fd, Stat stat) {
        this.fd = fd;
        this.stat = stat;
    }

    Stat stat() {
        return stat;
    }

    /** Up to {@code buf.length} bytes at {@code offset}; 0 at the end. */
    int read(byte[] buf, long offset) throws IOException {
        while (true) {
            try {
                return (int) Libc.pread(fd, buf, buf.length, offset);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Libc.EINTR) {
                    throw new IOException("cannot read a workspace file: errno " + e.getErrorCode(), e);
                }
            }
        }
    }

    /** The next offset at or after {@code from} that holds data, or -1 when only a hole (or nothing) follows. */
    long nextData(long from) throws IOException {
        try {
            return Libc.lseek(fd, from, Libc.SEEK_DATA);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Libc.ENXIO) {
                return -1;
            }
            throw new IOException("cannot seek in a workspace file: errno " + e.getErrorCode(), e);
        }
    }

    /** The end of the data run starting at {@code from}. */
    long holeAfter(long from) throws IOException {
        try {
            return Libc.lseek(fd, from, Libc.SEEK_HOLE);
        } catch (LastErrorException e) {
            throw new IOException("cannot seek in a workspace file: errno " + e.getErrorCode(), e);
        }
    }

    /** A stream over the file that ends after {@code limit} bytes; closing it closes the file. */
    InputStream stream(long limit) {
        return new InputStream() {
            private long pos;
            private boolean closed;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (closed) {
                    throw new IOException("stream closed");
                }
                java.util.Objects.checkFromIndexSize(off, len, b.length);
                if (len == 0) {
                    return 0;
                }
                long room = limit - pos;
                if (room <= 0) {
                    return -1;
                }
                byte[] buf = new byte[(int) Math.min(Math.min(len, room), 65536)];
                int n = OpenFile.this.read(buf, pos);
                if (n <= 0) {
                    return -1;
                }
                System.arraycopy(buf, 0, b, off, n);
                pos += n;
                return n;
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    OpenFile.this.close();
                }
            }
        };
    }

    /** Idempotent: a descriptor number is closed once, never again after another file reused it. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Libc.closeQuietly(fd);
        }
    }
}
