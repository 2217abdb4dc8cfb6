package io.runbox.server.api.v1;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.runbox.core.ExecResult;
import io.runbox.server.access.Caller;
import io.runbox.server.exec.Engine;
import io.runbox.server.http.Json;
import io.runbox.server.http.RejectionMapping;
import io.runbox.server.http.Routes;
import io.runbox.engine.RequestRejectedException;

/** {@code POST /v1/execute}: run now and answer with the result. */
public final class ExecuteRoutes implements Routes {
    private final Engine engine;
    private final NativeMapper mapper;

    public ExecuteRoutes(Engine engine) {
        this.engine = engine;
        this.mapper = new NativeMapper(engine.catalogue());
    }

    @Override
    public void register(JavalinConfig config) {
        config.routes.post("/v1/execute", this::execute);
    }

    private void execute(Context ctx) {
        NativeExecuteRequest wire = Json.parse(ctx.bodyAsBytes(), NativeExecuteRequest.class);
        try {
            ExecResult result = engine.executeNow(Caller.of(ctx), mapper.toRequest(wire));
            ctx.json(NativeMapper.toResponse(result));
        } catch (RequestRejectedException e) {
            throw RejectionMapping.toApi(e);
        }
    }
}
