package io.runbox.server.ops;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.runbox.server.access.AccessClass;
import io.runbox.server.http.Routes;
import java.util.function.Supplier;

/**
 * {@code GET /health}: 200 once the catalogue is loaded and the sandbox passed its self-check, 503 while
 * starting or when the self-check failed (with the reason).
 */
public final class HealthRoutes implements Routes {
    private final Supplier<Readiness> readiness;

    public HealthRoutes(Supplier<Readiness> readiness) {
        this.readiness = readiness;
    }

    /**
     * What {@code /health} reports.
     *
     * @param node     this node's id in its cluster's node list
     * @param database {@code ok}, or {@code unavailable} when the store did not answer this node's last heartbeat
     *                 (the node still serves what needs no store, such as keyless runs, so it stays ready)
     */
    public record Readiness(String status, String sandbox, int languages, int compilers, String reason, String node,
                            String database) {
        public boolean ready() {
            return "ready".equals(status);
        }
    }

    @Override
    public void register(JavalinConfig config) {
        config.routes.get("/health", this::health, AccessClass.OPEN);
    }

    private void health(Context ctx) {
        Readiness r = readiness.get();
        ctx.status(r.ready() ? 200 : 503).json(r);
    }
}
