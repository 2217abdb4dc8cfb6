package io.runbox.server.jobs;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Which callback URLs the server may POST to: absolute http(s) URLs, and unless the operator allows it, only
 * to public addresses: a key holder must not be able to make the server call into its own network
 * (loopback, private, link-local or unspecified addresses). Checked when a job is accepted and again at
 * every delivery, since a name may resolve differently later.
 */
public final class CallbackTargets {
    private final boolean allowPrivate;

    public CallbackTargets(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** @throws IllegalArgumentException saying why the URL is refused */
    public void check(String url) {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("callback_url must be an absolute http or https URL");
        }
        if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
            throw new IllegalArgumentException("callback_url must be an absolute http or https URL");
        }
        if (allowPrivate) {
            return;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(u.getHost())) {
                if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                        || a.isMulticastAddress() || isUniqueLocal(a)) {
                    throw new IllegalArgumentException("callback_url " + u.getHost() + " resolves to a private address ("
                            + a.getHostAddress() + "); this server only calls public addresses");
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("callback_url host " + u.getHost() + " does not resolve");
        }
    }

    /** IPv6 fc00::/7. */
    private static boolean isUniqueLocal(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xfe) == 0xfc;
    }
}
