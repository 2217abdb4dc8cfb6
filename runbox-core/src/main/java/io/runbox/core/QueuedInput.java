package io.runbox.core;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live input for a program ({@link BoxIo#stdin()}): chunks are queued as they arrive (what a client types, a
 * session's requests to its driver) and read in order; {@link #close()} ends the stream. Unlike a piped stream
 * it does not tie either side to a thread.
 *
 * <p>Bounded: at most {@code capBytes} may be queued and not yet read (by the thread that writes them to the
 * program, which holds at most one more buffer of its own). A chunk that does not fit is refused whole, never
 * cut, and the caller says so to whoever sent it; a program that stops reading cannot make the host hold more.
 */
public final class QueuedInput extends InputStream {
    private static final byte[] EOF = new byte[0];
    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private final long capBytes;
    private final AtomicLong queued = new AtomicLong();
    private byte[] current = new byte[0];
    private int pos;
    private volatile boolean closed;

    /** What became of an offered chunk. */
    public enum Offer {
        /** Queued; the program reads it in turn. */
        ACCEPTED,
        /** Refused whole: it would take the queue past its cap (the program is not reading fast enough). */
        FULL,
        /** Refused: the input was closed. */
        CLOSED
    }

    /** @param capBytes how many bytes may wait to be read at once */
    public QueuedInput(long capBytes) {
        if (capBytes < 1) {
            throw new IllegalArgumentException("capBytes must be positive: " + capBytes);
        }
        this.capBytes = capBytes;
    }

    /** Queues a copy of {@code data} if it fits under the cap. */
    public Offer offer(byte[] data) {
        if (closed) {
            return Offer.CLOSED;
        }
        long before;
        do {
            before = queued.get();
            if (before + data.length > capBytes) {
                return Offer.FULL;
            }
        } while (!queued.compareAndSet(before, before + data.length));
        chunks.add(data.clone());
        return Offer.ACCEPTED;
    }

    /** Bytes queued and not yet read; never more than {@link #capBytes()}. */
    public long queuedBytes() {
        return queued.get();
    }

    public long capBytes() {
        return capBytes;
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
        queued.addAndGet(-n);
        return n;
    }
}
