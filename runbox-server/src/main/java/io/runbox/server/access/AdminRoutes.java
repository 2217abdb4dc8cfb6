package io.runbox.server.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.runbox.core.access.ApiKey;
import io.runbox.core.access.KeyType;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.Json;
import io.runbox.server.http.Routes;
import java.time.Instant;
import java.util.List;

/**
 * {@code /admin/keys}: list ({@code GET}), create ({@code POST {type, plan?, name?, redirect_url?, origins?}},
 * answering the secret once) and revoke ({@code DELETE /admin/keys/{id}}). Needs the admin token.
 */
public final class AdminRoutes implements Routes {
    private final KeyService keys;

    public AdminRoutes(KeyService keys) {
        this.keys = keys;
    }

    /** A key as the admin API and {@code ./runbox keys list} show it: never its secret. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyView(String id, String name, String type, String plan, String hint, String redirect_url,
                          List<String> origins, Instant created_at, Instant last_used_at, Instant revoked_at,
                          String key) {
        public static KeyView of(ApiKey k, String secret) {
            return new KeyView(k.id(), k.name(), k.type().wire(), k.plan(), k.hint(), k.redirectUrl(), k.origins(),
                    k.createdAt(), k.lastUsedAt(), k.revokedAt(), secret);
        }
    }

    /** The body of {@code POST /admin/keys}. */
    public record CreateKey(String type, String plan, String name, String redirect_url, List<String> origins) {
    }

    @Override
    public void register(JavalinConfig config) {
        config.routes.get("/admin/keys", ctx -> ctx.json(keys.list().stream().map(k -> KeyView.of(k, null)).toList()),
                AccessClass.ADMIN);
        config.routes.post("/admin/keys", this::create, AccessClass.ADMIN);
        config.routes.delete("/admin/keys/{id}", this::revoke, AccessClass.ADMIN);
    }

    private void create(Context ctx) {
        CreateKey c = Json.parse(ctx.bodyAsBytes(), CreateKey.class);
        try {
            KeyService.Created created = keys.create(KeyType.fromWire(c.type() == null ? "api" : c.type()), c.plan(),
                    c.name(), c.redirect_url(), c.origins());
            ctx.status(201).json(KeyView.of(created.key(), created.secret()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_request", e.getMessage(), null);
        }
    }

    private void revoke(Context ctx) {
        String id = ctx.pathParam("id");
        if (!keys.revoke(id)) {
            throw ApiException.notFound("no key " + id);
        }
        ctx.json(KeyView.of(keys.list().stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow(), null));
    }
}
