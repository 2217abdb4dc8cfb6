package io.runbox.server.jobs;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * The callback client's only way to turn a host into addresses: the request's {@link CallbackTargets.Target}
 * (its tag, which also gives it a destination of its own) names the addresses its check allowed, and those are
 * the ones connected to. It never asks DNS; a request without a target gets no connection.
 */
final class PinnedResolver implements SocketAddressResolver {
    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        Object destination = context.get(Destination.CONTEXT_KEY);
        if (destination instanceof Destination d && d.getOrigin().getTag() instanceof CallbackTargets.Target t) {
            promise.succeeded(t.addresses().stream().map(a -> new InetSocketAddress(a, port)).toList());
        } else {
            promise.failed(new IllegalStateException("no checked addresses for " + host + "; refusing to connect"));
        }
    }
}
