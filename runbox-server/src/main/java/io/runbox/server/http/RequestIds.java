package io.runbox.server.http;

import io.javalin.http.Context;
import java.util.UUID;

/** Every request gets an id, echoed in {@code X-Request-Id} and in envelopes, for logs and support. */
public final class RequestIds {
    private static final String ATTRIBUTE = "runbox.requestId";

    private RequestIds() {
    }

    public static void assign(Context ctx) {
        String id = UUID.randomUUID().toString();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header("X-Request-Id", id);
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id != null ? id : "unknown";
    }
}
