package io.runbox.server.connections;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices clients that hang up while the server works on their request. One platform thread watches every
 * connection handed to {@link #watch} with a selector of its own beside Jetty's, and reads nothing: a connection
 * that turns readable with no byte to read has reached the end of its input. A connection that turns readable
 * with bytes waiting holds a client that is still talking (a pipelined request): it is no longer watched, and
 * nothing is called.
 *
 * <p>The end of a connection's input does not tell a client that closed its connection from one that only shut
 * its output after sending the request and still waits for the answer: TCP shows them alike until the server
 * writes. For an HTTP/1.1 request the watcher then writes an interim {@code 102 Processing} response, which every
 * HTTP/1.1 client must accept before the final one, every {@link #PROBE_EVERY_MS} ms: a client that closed answers
 * the first with a reset, and the next write fails; only then is it taken as gone. A client that only shut its
 * output reads a few interim responses and then its answer. Without a way to probe (an HTTP/1.0 request), the end
 * of input is taken as a hang-up, as nginx does.
 */
public final class HangUpWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HangUpWatcher.class);
    /** How long a key cancelled by a channel's own close may wait for the selector to let its descriptor go. */
    private static final long SELECT_TIMEOUT_MS = 1000;
    /** How often a connection whose input ended is probed. */
    static final long PROBE_EVERY_MS = 1000;
    private static final byte[] PROBE = "HTTP/1.1 102 Processing\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Selector selector;
    private final Queue<Runnable> onSelectorThread = new ConcurrentLinkedQueue<>();
    /** Watches whose connection's input ended and that are probed; touched on the selector's thread only. */
    private final List<Watch> probing = new ArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    public HangUpWatcher() throws IOException {
        this.selector = Selector.open();
        this.thread = Thread.ofPlatform().daemon().name("runbox-hang-up-watcher").start(this::loop);
    }

    /**
     * Starts watching {@code channel}, whose request must have been read to its end and whose response must not
     * have begun. {@code onHangUp} runs at most once, on the watcher's thread, if the client hangs up before the
     * returned watch is closed; it must not block. With {@code mayWriteInterim} (a plain-text HTTP/1.1 request)
     * the watcher may write interim responses to the channel until the watch is closed. Once {@link Watch#close}
     * has returned, {@code onHangUp} neither runs nor is running, and nothing is being written.
     */
    public Watch watch(SocketChannel channel, boolean mayWriteInterim, Runnable onHangUp) {
        Watch w = new Watch(channel, mayWriteInterim, onHangUp);
        if (closed) {
            return w;
        }
        onSelectorThread.add(w::register);
        selector.wakeup();
        return w;
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            thread.join(SELECT_TIMEOUT_MS * 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        try (selector) {
            while (!closed) {
                for (Runnable r; (r = onSelectorThread.poll()) != null; ) {
                    r.run();
                }
                long now = System.nanoTime();
                long timeout = SELECT_TIMEOUT_MS;
                for (Watch w : List.copyOf(probing)) {
                    if (now - w.nextProbe >= 0) {
                        w.probe();
                    }
                    if (probing.contains(w)) {
                        timeout = Math.max(1, Math.min(timeout, (w.nextProbe - now) / 1_000_000));
                    }
                }
                selector.select(HangUpWatcher::ready, timeout);
            }
        } catch (IOException | ClosedSelectorException e) {
            LOG.error("the hang-up watcher stopped; clients that hang up are no longer noticed", e);
        }
    }

    private static void ready(SelectionKey key) {
        ((Watch) key.attachment()).readable();
    }

    /** One watched connection; close it when the work it guards has ended. */
    public final class Watch implements AutoCloseable {
        private final SocketChannel channel;
        private final boolean mayWriteInterim;
        private final Runnable onHangUp;
        private boolean done;
        /** Touched on the selector's thread only. */
        private SelectionKey key;
        private long nextProbe;

        private Watch(SocketChannel channel, boolean mayWriteInterim, Runnable onHangUp) {
            this.channel = channel;
            this.mayWriteInterim = mayWriteInterim;
            this.onHangUp = onHangUp;
        }

        /** Stops watching; {@code onHangUp} does not run, and nothing is written, after this returns. */
        @Override
        public synchronized void close() {
            if (!done) {
                done = true;
                onSelectorThread.add(this::unregister);
                selector.wakeup();
            }
        }

        private void register() {
            synchronized (this) {
                if (done) {
                    return;
                }
            }
            try {
                try {
                    key = channel.register(selector, SelectionKey.OP_READ, this);
                } catch (CancelledKeyException e) {
                    // This connection's previous request was watched too, and its key is not yet flushed.
                    selector.selectNow(HangUpWatcher::ready);
                    key = channel.register(selector, SelectionKey.OP_READ, this);
                }
            } catch (IOException e) {
                // Closed before the watching began: the connection is gone.
                hungUp();
            }
        }

        private void readable() {
            int waiting;
            try {
                waiting = channel.socket().getInputStream().available();
            } catch (IOException e) {
                waiting = 0;
            }
            if (key != null) {
                key.cancel();
            }
            if (waiting > 0) {
                return;
            }
            if (mayWriteInterim) {
                nextProbe = System.nanoTime();
                probing.add(this);
            } else {
                hungUp();
            }
        }

        /** Writes one interim response; a client that closed its connection makes a later one fail. */
        private synchronized void probe() {
            nextProbe = System.nanoTime() + PROBE_EVERY_MS * 1_000_000;
            if (done) {
                probing.remove(this);
                return;
            }
            try {
                if (channel.write(ByteBuffer.wrap(PROBE)) < PROBE.length) {
                    // The client reads nothing and its buffers are full: it is there, but no more can be written.
                    probing.remove(this);
                }
            } catch (IOException e) {
                probing.remove(this);
                hungUp();
            }
        }

        private synchronized void hungUp() {
            if (!done) {
                done = true;
                onHangUp.run();
            }
        }

        private void unregister() {
            probing.remove(this);
            if (key != null) {
                key.cancel();
            }
        }
    }
}
