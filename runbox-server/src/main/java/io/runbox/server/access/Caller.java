package io.runbox.server.access;

import io.javalin.http.Context;
import io.runbox.core.access.ApiKey;

/**
 * Who is calling: a key and its plan, or an anonymous client. Set on the request by {@link AccessControl};
 * front doors read it to cap requested limits and to find a key's redirect URL.
 */
public record Caller(ApiKey key, Plan plan) {
    private static final String ATTRIBUTE = "runbox.caller";
    private static final Caller UNRESTRICTED = new Caller(null, Plans.builtIn().find(Plans.UNLIMITED).orElseThrow());

    /** A caller without a key (the anonymous tier), under the anonymous plan's limits: none of its own. */
    static Caller anonymous() {
        return UNRESTRICTED;
    }

    public static Caller of(Context ctx) {
        Caller c = ctx.attribute(ATTRIBUTE);
        return c != null ? c : UNRESTRICTED;
    }

    void attach(Context ctx) {
        ctx.attribute(ATTRIBUTE, this);
    }

    /** The key's id, or {@code null} when anonymous (who owns a job, say). */
    public String keyId() {
        return key == null ? null : key.id();
    }

    public String redirectUrl() {
        return key == null ? null : key.redirectUrl();
    }
}
