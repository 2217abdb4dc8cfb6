package io.runbox.server.jobs;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Which callback URLs the server may POST to, and where exactly: absolute http(s) URLs whose host resolves
 * only to global unicast addresses ({@link GlobalUnicast}), unless the operator allows private targets; a key
 * holder must not be able to make the server call into its own network. Checked when a job is accepted and
 * again at every delivery, which connects to exactly the addresses that delivery's check resolved
 * ({@link Target}), so a name cannot resolve to one address for the check and another for the connection.
 */
public final class CallbackTargets {
    /** Resolves a host name (or literal) to its addresses: the system resolver, or a test's. */
    @FunctionalInterface
    public interface Resolver {
        Resolver SYSTEM = host -> Arrays.asList(InetAddress.getAllByName(host));

        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /**
     * A checked callback: its URL and the addresses its host resolved to, each allowed. A delivery connects
     * to these and to nothing else; Host header and TLS server name stay the URL's host.
     */
    public record Target(URI uri, List<InetAddress> addresses) {
        public Target {
            addresses = List.copyOf(addresses);
        }
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    public CallbackTargets(boolean allowPrivate) {
        this(allowPrivate, Resolver.SYSTEM);
    }

    public CallbackTargets(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** @throws IllegalArgumentException saying why the URL is refused */
    public void check(String url) {
        resolve(url);
    }

    /**
     * Resolves the URL's host once and checks every address it resolved to.
     *
     * @throws IllegalArgumentException saying why the URL is refused
     */
    public Target resolve(String url) {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("callback_url must be an absolute http or https URL");
        }
        if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
            throw new IllegalArgumentException("callback_url must be an absolute http or https URL");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(u.getHost());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("callback_url host " + u.getHost() + " does not resolve");
        }
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("callback_url host " + u.getHost() + " does not resolve");
        }
        if (!allowPrivate) {
            for (InetAddress a : addresses) {
                GlobalUnicast.refusal(a).ifPresent(range -> {
                    throw new IllegalArgumentException("callback_url " + u.getHost() + " resolves to a private address ("
                            + a.getHostAddress() + ", special-purpose: " + range + "); this server only calls global"
                            + " unicast addresses");
                });
            }
        }
        return new Target(u, addresses);
    }
}
