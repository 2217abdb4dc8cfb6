package io.runbox.execution.judge;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One direction of an interactive pair: what one box writes ({@link #offer}, called from that box's output reader)
 * becomes the other box's standard input ({@link #read}, its input pump). Offering never blocks: a writer that runs
 * more than {@code capacity} bytes ahead of its reader is cut off ({@link #overflowed}, and {@code onOverflow} runs
 * once) and the reader sees the end of its input, so neither box can make the host hold more than that. Reading blocks until bytes arrive, the relay is
 * closed or the reading thread is interrupted (its box ended).
 */
final class Relay extends InputStream {
    private final long capacity;
    private final Runnable onOverflow;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private byte[] head;
    private int headAt;
    private long buffered;
    private boolean closed;
    private boolean overflowed;

    Relay(long capacity, Runnable onOverflow) {
        this.capacity = capacity;
        this.onOverflow = onOverflow;
    }

    /** Hands on a chunk the writer wrote; past the capacity the relay closes instead. */
    void offer(byte[] chunk) {
        boolean overflowNow = false;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (buffered + chunk.length > capacity) {
                overflowed = true;
                overflowNow = true;
                closed = true;
            } else {
                chunks.add(chunk.clone());
                buffered += chunk.length;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (overflowNow) {
            onOverflow.run();
        }
    }

    /** The writer ended: the reader gets what is buffered, then the end of its input. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the writer ran more than the capacity ahead of its reader. */
    boolean overflowed() {
        lock.lock();
        try {
            return overflowed;
        } finally {
            lock.unlock();
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
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            while (head == null) {
                head = chunks.poll();
                headAt = 0;
                if (head != null) {
                    break;
                }
                if (closed) {
                    return -1;
                }
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("the box's input ended");
                }
            }
            int n = Math.min(len, head.length - headAt);
            System.arraycopy(head, headAt, b, off, n);
            headAt += n;
            buffered -= n;
            if (headAt == head.length) {
                head = null;
            }
            return n;
        } finally {
            lock.unlock();
        }
    }
}
