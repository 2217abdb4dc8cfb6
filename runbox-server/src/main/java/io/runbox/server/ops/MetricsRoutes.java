package io.runbox.server.ops;

import io.javalin.config.JavalinConfig;
import io.runbox.server.access.AccessClass;
import io.runbox.server.http.Routes;

/** {@code GET /metrics} in the Prometheus text format. */
public final class MetricsRoutes implements Routes {
    private final RunboxMetrics metrics;

    public MetricsRoutes(RunboxMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void register(JavalinConfig config) {
        config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape()), AccessClass.OPEN);
    }
}
