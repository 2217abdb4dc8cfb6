package io.runbox.server.connections;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A connection must deliver a complete request, headers and body, within the deadline of when it opened or
 * of its previous response; else it is closed. Trickling bytes does not extend it (the idle timeout would
 * be). The clock stops when the last byte of the body has been read (at the headers for a request without
 * one) and starts again when the response is complete. A connection upgraded since (a WebSocket) is no
 * longer an HTTP exchange and is left alone.
 */
final class RequestDeadline implements HttpConfiguration.Customizer {
    private final Duration deadline;
    private final ConcurrentMap<EndPoint, Timer> armed = new ConcurrentHashMap<>();

    /** One armed deadline: the connection it was set for, and its scheduled expiry. */
    private final class Timer implements Runnable {
        private final EndPoint endPoint;
        private final Connection connection;
        private volatile Scheduler.Task task;

        Timer(EndPoint endPoint, Connection connection) {
            this.endPoint = endPoint;
            this.connection = connection;
        }

        @Override
        public void run() {
            if (armed.remove(endPoint, this) && endPoint.getConnection() == connection) {
                endPoint.close();
            }
        }
    }

    RequestDeadline(Duration deadline) {
        this.deadline = deadline;
    }

    /** Starts the clock for the next request on {@code endPoint}'s current connection. */
    void arm(EndPoint endPoint, Scheduler scheduler) {
        Timer t = new Timer(endPoint, endPoint.getConnection());
        Timer previous = armed.put(endPoint, t);
        if (previous != null && previous.task != null) {
            previous.task.cancel();
        }
        t.task = scheduler.schedule(t, deadline);
    }

    /** Stops the clock: the request is complete (or the connection closed). */
    void disarm(EndPoint endPoint) {
        Timer t = armed.remove(endPoint);
        if (t != null && t.task != null) {
            t.task.cancel();
        }
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        Scheduler scheduler = request.getComponents().getScheduler();
        Request.addCompletionListener(request, failure -> {
            if (endPoint.isOpen()) {
                arm(endPoint, scheduler);
            }
        });
        HttpFields h = request.getHeaders();
        if (!h.contains(HttpHeader.TRANSFER_ENCODING) && h.getLongField(HttpHeader.CONTENT_LENGTH) <= 0) {
            disarm(endPoint);
            return request;
        }
        return new Request.Wrapper(request) {
            @Override
            public Content.Chunk read() {
                Content.Chunk chunk = super.read();
                if (chunk != null && chunk.isLast()) {
                    disarm(endPoint);
                }
                return chunk;
            }
        };
    }
}
