package io.runbox.server.connections;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices clients that hang up while the server works on their request. One platform thread watches every
 * connection handed to {@link #watch} with a selector of its own beside Jetty's, and reads nothing: a connection
 * that turns readable with no byte to read has reached its end (the client closed it, or it was reset).
 * A connection that turns readable with bytes waiting holds a client that is still talking (a pipelined
 * request): it is no longer watched, and nothing is called.
 *
 * <p>An end of input cannot tell a client that closed its connection from one that only shut its output
 * after sending the request (TCP reports both alike until the server writes). This watcher takes both as a
 * hang-up, as nginx does for a client that closes while its request is being processed.
 */
public final class HangUpWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HangUpWatcher.class);
    /** How long a key cancelled by a channel's own close may wait for the selector to let its descriptor go. */
    private static final long SELECT_TIMEOUT_MS = 1000;

    private final Selector selector;
    private final Queue<Runnable> onSelectorThread = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    public HangUpWatcher() throws IOException {
        this.selector = Selector.open();
        this.thread = Thread.ofPlatform().daemon().name("runbox-hang-up-watcher").start(this::loop);
    }

    /**
     * Starts watching {@code channel}, whose request must have been read to its end. {@code onHangUp} runs
     * at most once, on the watcher's thread, if the client hangs up before the returned watch is closed; it
     * must not block. Closing the watch ends the watching: once {@link Watch#close} has returned,
     * {@code onHangUp} neither runs nor is running.
     */
    public Watch watch(SocketChannel channel, Runnable onHangUp) {
        Watch w = new Watch(channel, onHangUp);
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
                selector.select(HangUpWatcher::ready, SELECT_TIMEOUT_MS);
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
        private final Runnable onHangUp;
        private boolean done;
        /** Touched on the selector's thread only. */
        private SelectionKey key;

        private Watch(SocketChannel channel, Runnable onHangUp) {
            this.channel = channel;
            this.onHangUp = onHangUp;
        }

        /** Stops watching; {@code onHangUp} does not run after this returns. */
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
            unregister();
            if (waiting == 0) {
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
            if (key != null) {
                key.cancel();
            }
        }
    }
}
