package io.runbox.server.connections;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jetty.io.EndPoint;

/** How many connections each remote address holds open, against a cap. */
final class ConnectionsPerAddress {
    private final int max;
    private final ConcurrentMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final ConcurrentMap<EndPoint, InetAddress> counted = new ConcurrentHashMap<>();

    ConnectionsPerAddress(int max) {
        this.max = max;
    }

    /** Counts a new connection; false (and not counted) when its address already holds {@code max}. */
    boolean enter(EndPoint endPoint) {
        if (!(endPoint.getRemoteSocketAddress() instanceof InetSocketAddress remote) || remote.getAddress() == null) {
            return true;
        }
        InetAddress address = remote.getAddress();
        boolean[] admitted = {false};
        open.compute(address, (a, n) -> {
            int now = n == null ? 0 : n;
            if (now >= max) {
                return n;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (admitted[0]) {
            counted.put(endPoint, address);
        }
        return admitted[0];
    }

    /** Forgets a closed connection (one that {@link #enter} refused was never counted). */
    void leave(EndPoint endPoint) {
        InetAddress address = counted.remove(endPoint);
        if (address != null) {
            open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }
}
