package io.runbox.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.runbox.execution.RequestRejectedException;
import io.runbox.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a JSON error with the fitting status. Nothing of a stack trace reaches a
 * client; unexpected exceptions are logged with the request id the client sees.
 */
public final class ErrorHandling {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);
    private final List<ErrorFormat> formats;

    private ErrorHandling(List<ErrorFormat> formats) {
        this.formats = formats;
    }

    /** @param dialects the dialects' formats, tried in order before the native one */
    public static void install(JavalinConfig config, List<ErrorFormat> dialects) {
        List<ErrorFormat> all = new ArrayList<>(dialects);
        all.add(ErrorFormat.NATIVE);
        ErrorHandling h = new ErrorHandling(List.copyOf(all));
        config.routes.exception(ApiException.class, (e, ctx) -> h.write(ctx, e));
        config.routes.exception(RequestRejectedException.class, (e, ctx) -> h.write(ctx, RejectionMapping.toApi(e)));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> h.write(ctx,
                new ApiException(e.getStatus(), codeFor(e.getStatus()), e.getMessage(), null, null)));
        // The database is away (restarting, or out of reach): nothing of the request was kept; try again soon.
        config.routes.exception(StoreException.class, (e, ctx) -> {
            LOG.warn("request {} failed: {}", RequestIds.of(ctx), e.getMessage());
            h.write(ctx, ApiException.storeUnavailable());
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("request {} failed", RequestIds.of(ctx), e);
            h.write(ctx, new ApiException(500, "internal_error",
                    "internal error; quote request id " + RequestIds.of(ctx) + " when reporting it", null, null));
        });
        // A 404 a route answered itself (JSON, or a page for a browser) stays as it is.
        config.routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()
                    || !(ctx.result().startsWith("{") || String.valueOf(ctx.res().getContentType()).startsWith("text/html"))) {
                h.write(ctx, ApiException.notFound("no such endpoint: " + ctx.method() + " " + ctx.path()));
            }
        });
        config.routes.error(405, ctx -> h.write(ctx, new ApiException(405, "method_not_allowed",
                ctx.method() + " is not allowed on " + ctx.path(), null, null)));
    }

    private void write(Context ctx, ApiException e) {
        if (e.retryAfterSeconds() != null) {
            ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
        }
        ctx.status(e.status());
        formats.stream().filter(f -> f.paths().test(ctx.path())).findFirst().orElse(ErrorFormat.NATIVE)
                .writer().accept(ctx, e);
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 404 -> "not_found";
            case 413 -> "payload_too_large";
            case 429 -> "too_many_requests";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
    }
}
