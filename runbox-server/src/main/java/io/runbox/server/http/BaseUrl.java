package io.runbox.server.http;

import io.javalin.http.Context;

/** The scheme, host and port a client reached this server by, for links handed back to it. */
public final class BaseUrl {
    private BaseUrl() {
    }

    /** {@code http://host:port} as the request's {@code Host} header names it (the server's own address without one). */
    public static String of(Context ctx) {
        String host = ctx.header("Host");
        return ctx.scheme() + "://" + (host != null ? host : ctx.host());
    }
}
