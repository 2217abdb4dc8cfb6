package io.runbox.server.access;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;

/**
 * A further header a door takes its key from, declared as a route role beside its {@link AccessClass}: a dialect
 * whose clients send their key in a header of their own ({@code X-Auth-Token} for Judge0's). The usual headers
 * ({@code Authorization}, {@code x-runbox-key}) still come first.
 */
public record KeyHeader(String name) implements RouteRole {
    /** Judge0's authentication header. */
    public static final KeyHeader X_AUTH_TOKEN = new KeyHeader("X-Auth-Token");

    /** The key in the headers the request's route declares, if any. */
    static String presented(Context ctx) {
        for (RouteRole role : ctx.routeRoles()) {
            if (role instanceof KeyHeader(String header)) {
                String k = ctx.header(header);
                if (k != null && !k.isBlank()) {
                    return k.trim();
                }
            }
        }
        return null;
    }
}
