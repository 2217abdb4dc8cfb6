package io.runbox.server.connections;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Lets work done for an HTTP request stop when its client hangs up. Installed as a servlet filter, it
 * remembers, for the thread that handles a request and for as long as it does, which connection that request
 * came on; {@link #interruptOnHangUp()} then watches that connection with the shared {@link HangUpWatcher}.
 */
public final class ClientHangUp implements Filter {
    private static final ThreadLocal<Connection> SERVING = new ThreadLocal<>();

    private final HangUpWatcher watcher;

    /**
     * The connection a handling thread serves, the watcher that can watch it, and the exchange on it: interim
     * responses may be written to a plain-text HTTP/1.1 exchange handled on this thread whose response has not
     * begun (not to one gone asynchronous, whose response other threads may write).
     */
    private record Connection(HangUpWatcher watcher, SocketChannel channel, ServletRequest request,
                              ServletResponse response) {
        boolean mayWriteInterim() {
            return "HTTP/1.1".equals(request.getProtocol()) && !request.isSecure() && !request.isAsyncStarted()
                    && !response.isCommitted();
        }
    }

    /** What a caller holds while its work runs; closing it ends the watching. */
    public interface Guard extends AutoCloseable {
        /** Whether the client hung up (and the calling thread was interrupted for it) before this closed. */
        boolean hungUp();

        @Override
        void close();
    }

    public ClientHangUp(HangUpWatcher watcher) {
        this.watcher = watcher;
    }

    /**
     * When the calling thread is handling an HTTP request whose body it has read and whose response it has not
     * begun: interrupts this thread if that request's client hangs up before the returned guard is closed
     * ({@link HangUpWatcher} says how a hang-up is told from a client that only shut its output; interim
     * {@code 102} responses may be written meanwhile). Elsewhere (a WebSocket message, a job worker) the guard
     * does nothing. Once the guard is closed no interrupt comes from it and nothing more is written; the caller
     * should clear an interrupt it caused ({@link Guard#hungUp()}).
     */
    public static Guard interruptOnHangUp() {
        Connection c = SERVING.get();
        if (c == null) {
            return NOT_WATCHED;
        }
        Thread caller = Thread.currentThread();
        return new Guard() {
            private volatile boolean hungUp;
            private final HangUpWatcher.Watch watch = c.watcher().watch(c.channel(), c.mayWriteInterim(), () -> {
                hungUp = true;
                caller.interrupt();
            });

            @Override
            public boolean hungUp() {
                return hungUp;
            }

            @Override
            public void close() {
                watch.close();
            }
        };
    }

    private static final Guard NOT_WATCHED = new Guard() {
        @Override
        public boolean hungUp() {
            return false;
        }

        @Override
        public void close() {
        }
    };

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Object transport = ServletContextRequest.getServletContextRequest(request).getConnectionMetaData()
                .getConnection().getEndPoint().getTransport();
        if (!(transport instanceof SocketChannel channel)) {
            chain.doFilter(request, response);
            return;
        }
        Connection previous = SERVING.get();
        SERVING.set(new Connection(watcher, channel, request, response));
        try {
            chain.doFilter(request, response);
        } finally {
            if (previous == null) {
                SERVING.remove();
            } else {
                SERVING.set(previous);
            }
        }
    }
}
