package io.runbox.server.http;

import io.javalin.config.JavalinConfig;

/** A group of endpoints that registers itself on the app; one per front door or concern. */
@FunctionalInterface
public interface Routes {
    void register(JavalinConfig config);
}
