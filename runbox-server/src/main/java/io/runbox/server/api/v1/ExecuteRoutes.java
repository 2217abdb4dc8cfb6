package io.runbox.server.api.v1;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.runbox.core.ExecResult;
import io.runbox.server.access.AccessClass;
import io.runbox.server.access.Caller;
import io.runbox.server.exec.RunService;
import io.runbox.server.http.Json;
import io.runbox.server.http.Routes;
import io.runbox.execution.RequestRejectedException;

/** {@code POST /v1/execute}: run now and answer with the result. */
public final class ExecuteRoutes implements Routes {
    private final RunService runService;
    private final NativeMapper mapper;

    public ExecuteRoutes(RunService runService) {
        this.runService = runService;
        this.mapper = new NativeMapper(runService.catalogue());
    }

    @Override
    public void register(JavalinConfig config) {
        config.routes.post("/v1/execute", this::execute, AccessClass.KEY_SYNC_EXECUTION);
    }

    private void execute(Context ctx) throws RequestRejectedException {
        NativeExecuteRequest wire = Json.parse(ctx.bodyAsBytes(), NativeExecuteRequest.class);
        ExecResult result = runService.executeNow(Caller.of(ctx), mapper.toRequest(wire));
        ctx.json(NativeMapper.toResponse(result));
    }
}
