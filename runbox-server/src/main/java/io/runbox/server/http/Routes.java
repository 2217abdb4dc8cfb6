package io.runbox.server.http;

import io.javalin.config.JavalinConfig;
import java.util.List;

/** A group of endpoints that registers itself on the app; one per front door or concern. */
@FunctionalInterface
public interface Routes {
    void register(JavalinConfig config);

    /** How this front door spells errors on its paths; none means the native format. */
    default List<ErrorFormat> errorFormats() {
        return List.of();
    }

    /** Releases what the front door holds beyond the HTTP server (sessions, threads); called once, on stop. */
    default void close() {
    }
}
