package io.runbox.core;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Live input for a program ({@link BoxIo#stdin()}): chunks are queued as they arrive (what a client types, a
 * session's requests to its driver) and read in order; {@link #close()} ends the stream. Unlike a piped stream
 * it does not tie either side to a thread.
 */
public final class QueuedInput extends InputStream {
    private static final byte[] EOF = new byte[0];
    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int pos;
    private volatile boolean closed;

    /** Queues input; false once the stream was closed. */
    public boolean offer(byte[] data) {
        if (closed) {
            return false;
        }
        chunks.add(data.clone());
        return true;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            chunks.add(EOF);
        }
    }

    @Override
    public int read() throws InterruptedIOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws InterruptedIOException {
        while (pos >= current.length) {
            if (current == EOF) {
                return -1;
            }
            try {
                current = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("input interrupted");
            }
            pos = 0;
            if (current == EOF) {
                return -1;
            }
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }
}
