package io.runbox.server.connections;

import java.time.Duration;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The HTTP/1.1 listening socket, guarded: a connection from an address that already holds
 * {@code maxPerAddress} open ones is closed at once; a connection that has not delivered a complete request
 * within {@code requestDeadline} ({@link RequestDeadline}) is closed; one that sends nothing for
 * {@code idleTimeout} (an idle keep-alive connection, say) is closed by Jetty's idle timeout.
 */
public final class GuardedConnector extends ServerConnector {
    private final ConnectionsPerAddress perAddress;
    private final RequestDeadline deadline;

    /** What the guards allow. */
    public record Limits(Duration requestDeadline, Duration idleTimeout, int maxPerAddress) {
    }

    private GuardedConnector(Server server, HttpConfiguration http, Limits limits, RequestDeadline deadline) {
        super(server, new HttpConnectionFactory(http));
        this.perAddress = new ConnectionsPerAddress(limits.maxPerAddress());
        this.deadline = deadline;
        setIdleTimeout(limits.idleTimeout().toMillis());
    }

    /** A connector on {@code host:port} whose requests go through {@code http}, which gains the deadline. */
    public static GuardedConnector create(Server server, HttpConfiguration http, String host, int port, Limits limits) {
        RequestDeadline deadline = new RequestDeadline(limits.requestDeadline());
        http.addCustomizer(deadline);
        GuardedConnector c = new GuardedConnector(server, http, limits, deadline);
        c.setHost(host);
        c.setPort(port);
        return c;
    }

    @Override
    protected void onEndPointOpened(EndPoint endPoint) {
        super.onEndPointOpened(endPoint);
        if (!perAddress.enter(endPoint)) {
            endPoint.close();
            return;
        }
        deadline.arm(endPoint, getScheduler());
    }

    @Override
    protected void onEndPointClosed(EndPoint endPoint) {
        deadline.disarm(endPoint);
        perAddress.leave(endPoint);
        super.onEndPointClosed(endPoint);
    }
}
