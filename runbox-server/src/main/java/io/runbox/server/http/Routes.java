package io.runbox.server.http;

import io.javalin.config.JavalinConfig;
import java.util.List;

/**
 * A group of endpoints that registers itself on the app; one per front door or concern. Every route it registers
 * carries its access class as its route role ({@code io.runbox.server.access.AccessClass}); a route without
 * exactly one stops the server's start.
 */
@FunctionalInterface
public interface Routes {
    void register(JavalinConfig config);

    /**
     * The doors this front door serves outside Javalin's router (a servlet, a static-file mount), each with its
     * access class, as {@link #register} mounts them; listed with the routes in {@link RegisteredRoutes}.
     */
    default List<RegisteredRoutes.Route> mounts() {
        return List.of();
    }

    /** How this front door spells errors on its paths; none means the native format. */
    default List<ErrorFormat> errorFormats() {
        return List.of();
    }

    /** Releases what the front door holds beyond the HTTP server (sessions, threads); called once, on stop. */
    default void close() {
    }
}
