package io.runbox.server.api.wandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.runbox.core.ExecResult;
import io.runbox.core.jobs.PermlinkStore;
import io.runbox.execution.RequestRejectedException;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.server.access.AccessClass;
import io.runbox.server.access.Caller;
import io.runbox.server.exec.RunService;
import io.runbox.server.http.Envelope;
import io.runbox.server.http.ErrorFormat;
import io.runbox.server.http.Json;
import io.runbox.server.http.RequestIds;
import io.runbox.server.http.Routes;
import java.util.List;

/**
 * {@code GET /v1/run} (its query: {@link WandboxRunRequest}), {@code GET /v1/meta} and {@code GET /p/{id}},
 * also under {@link #PREFIX}; errors on this dialect's paths keep its envelope with {@code success: false}.
 */
public final class WandboxRoutes implements Routes {
    static final String PREFIX = "/codeexec-api";

    private final RunService runService;
    private final WandboxMapper mapper;
    private final WandboxPermlinks permlinks;
    private final boolean anonymousTier;

    /** @param anonymousTier whether callers without a key are served (the anonymous tier), as {@code /v1/meta} says */
    public WandboxRoutes(RunService runService, PermlinkStore permlinks, boolean anonymousTier) {
        this.runService = runService;
        this.anonymousTier = anonymousTier;
        this.mapper = new WandboxMapper(runService.catalogue());
        this.permlinks = new WandboxPermlinks(permlinks);
    }

    @Override
    public void register(JavalinConfig config) {
        for (String base : List.of("", PREFIX)) {
            config.routes.get(base + "/v1/run", this::run, AccessClass.KEY_SYNC_EXECUTION_OANOR);
            config.routes.get(base + "/v1/meta", this::meta, AccessClass.OPEN);
        }
        config.routes.get("/p/{id}", this::permlink, AccessClass.OPEN);
    }

    @Override
    public List<ErrorFormat> errorFormats() {
        return List.of(ErrorFormat.forPrefixes((ctx, e) -> {
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.putNull("data");
            body.set("meta", Json.MAPPER.valueToTree(Envelope.ok(null, "", RequestIds.of(ctx)).meta()));
            body.put("status", "error").put("message", e.getMessage()).put("success", false);
            ObjectNode error = body.putObject("error").put("code", e.code()).put("message", e.getMessage());
            if (e.field() != null) {
                error.put("field", e.field());
            }
            ctx.json(body);
        }, "/v1/run", "/v1/meta", "/v1/languages", "/v1/compilers", "/p/", PREFIX + "/"));
    }

    private void run(Context ctx) throws RequestRejectedException {
        WandboxRunRequest r = new WandboxRunRequest(ctx.queryParam("code"), ctx.queryParam("language"),
                ctx.queryParam("compiler"), ctx.queryParam("stdin"), ctx.queryParam("options"), ctx.queryParam("args"),
                "true".equalsIgnoreCase(ctx.queryParam("save")) || "1".equals(ctx.queryParam("save")));
        Compiler compiler = mapper.compiler(r);
        ExecResult result = runService.executeNow(Caller.of(ctx), mapper.toRequest(r, compiler));
        WandboxRunResult data = r.save() ? permlinks.save(ctx, r, compiler, result)
                : WandboxMapper.toResult(result, null, null);
        ctx.json(Envelope.ok(data, "Compile + run code", RequestIds.of(ctx)));
    }

    private void meta(Context ctx) {
        ctx.json(Envelope.ok(WandboxMeta.of(runService.catalogue(), anonymousTier), "Meta", RequestIds.of(ctx)));
    }

    private void permlink(Context ctx) throws JsonProcessingException {
        permlinks.show(ctx);
    }
}
