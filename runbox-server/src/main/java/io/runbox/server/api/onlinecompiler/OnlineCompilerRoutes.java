package io.runbox.server.api.onlinecompiler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.runbox.core.ExecRequest;
import io.runbox.execution.RequestRejectedException;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.server.access.AccessClass;
import io.runbox.server.access.Caller;
import io.runbox.server.exec.RunService;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.ErrorFormat;
import io.runbox.server.http.Json;
import io.runbox.server.http.Routes;
import io.runbox.server.jobs.JobService;
import java.util.List;

/**
 * {@code POST /api/run-code-sync/}, {@code POST /api/run-code/} and {@code GET /api/compilers/}. Errors
 * keep the dialect's result shape: {@code {status: "error", error: message, code, field?}}.
 */
public final class OnlineCompilerRoutes implements Routes {
    private final RunService runService;
    private final JobService jobs;
    private final OnlineCompilerMapper mapper;
    private final String defaultCallbackUrl;

    public OnlineCompilerRoutes(RunService runService, JobService jobs, OnlineCompilerMapper mapper, String defaultCallbackUrl) {
        this.runService = runService;
        this.jobs = jobs;
        this.mapper = mapper;
        this.defaultCallbackUrl = defaultCallbackUrl;
    }

    @Override
    public void register(JavalinConfig config) {
        config.routes.post("/api/run-code-sync/", this::runSync, AccessClass.KEY_SYNC_EXECUTION);
        config.routes.post("/api/run-code/", this::runAsync, AccessClass.KEY_EXECUTION);
        config.routes.get("/api/compilers/", this::compilers, AccessClass.OPEN);
    }

    @Override
    public List<ErrorFormat> errorFormats() {
        return List.of(ErrorFormat.forPrefixes((ctx, e) -> {
            ObjectNode body = Json.MAPPER.createObjectNode().put("status", "error").put("error", e.getMessage())
                    .put("code", e.code());
            if (e.field() != null) {
                body.put("field", e.field());
            }
            ctx.json(body);
        }, "/api/run-code", "/api/compilers"));
    }

    private void runSync(Context ctx) throws RequestRejectedException {
        OnlineCompilerRequest r = Json.parse(ctx.bodyAsBytes(), OnlineCompilerRequest.class);
        ctx.json(mapper.toResult(runService.executeNow(Caller.of(ctx), mapper.toRequest(r))));
    }

    /**
     * The job's id stays the store's opaque string (the id {@code GET /v1/jobs/{id}} takes, the same in the
     * callback), not the seed's number: a per-store sequence would tell every key holder how many jobs others
     * run, and a second id per job would be two names for one thing. Clients that store the id as it comes work.
     */
    private void runAsync(Context ctx) throws RequestRejectedException {
        OnlineCompilerRequest r = Json.parse(ctx.bodyAsBytes(), OnlineCompilerRequest.class);
        ExecRequest asked = mapper.toRequest(r);
        runService.validate(Caller.of(ctx), asked);
        String callback = r.callbackUrl() != null ? r.callbackUrl()
                : Caller.of(ctx).redirectUrl() != null ? Caller.of(ctx).redirectUrl() : defaultCallbackUrl;
        if (callback == null || callback.isBlank()) {
            // A job whose result goes nowhere would only spend a slot.
            throw ApiException.badRequest("no_callback_url", "an async run needs a callback URL for its result:"
                    + " give 'callback_url', set the key's redirect URL, or the server's"
                    + " dialects.onlinecompiler.default_callback_url; or use POST /api/run-code-sync/ for the result"
                    + " in the answer", "callback_url");
        }
        ObjectNode stored = Json.MAPPER.createObjectNode().put("compiler", r.compiler()).put("code", r.code())
                .put("input", r.input());
        String id = jobs.submit(OnlineCompilerJobRunner.KIND, stored, Caller.of(ctx).keyId(), callback, r.extraParams(),
                jobs.languageHere(asked.language()));
        ctx.status(202).json(Json.MAPPER.createObjectNode().put("status", "queued").put("id", id));
    }

    /** Installed compiler ids, then the operator's aliases ({@code compilers.aliases}): every id a run accepts. */
    private void compilers(Context ctx) {
        List<String> ids = new java.util.ArrayList<>(runService.catalogue().compilers().stream().map(Compiler::id).toList());
        ids.addAll(runService.catalogue().compilerAliases().keySet());
        ctx.json(ids);
    }
}
