package io.runbox.server.api.piston;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.runbox.execution.RequestRejectedException;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.execution.catalogue.InstalledLanguage;
import io.runbox.server.access.AccessClass;
import io.runbox.server.access.Caller;
import io.runbox.server.exec.RunService;
import io.runbox.server.http.ErrorFormat;
import io.runbox.server.http.Json;
import io.runbox.server.http.Routes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code POST /api/v2/execute} and {@code GET /api/v2/runtimes}, also under {@code /api/v2/piston/}. */
public final class PistonRoutes implements Routes {
    private final RunService runService;
    private final PistonMapper mapper;

    public PistonRoutes(RunService runService) {
        this.runService = runService;
        this.mapper = new PistonMapper(runService.catalogue());
    }

    @Override
    public void register(JavalinConfig config) {
        for (String base : List.of("/api/v2", "/api/v2/piston")) {
            config.routes.post(base + "/execute", this::execute, AccessClass.KEY_SYNC_EXECUTION);
            config.routes.get(base + "/runtimes", this::runtimes, AccessClass.KEY);
        }
    }

    @Override
    public List<ErrorFormat> errorFormats() {
        return List.of(ErrorFormat.forPrefixes((ctx, e) -> ctx.json(Map.of("message", e.getMessage())), "/api/v2/"));
    }

    private void execute(Context ctx) throws RequestRejectedException {
        PistonExecuteRequest r = Json.parse(ctx.bodyAsBytes(), PistonExecuteRequest.class);
        ctx.json(PistonMapper.toResponse(runService.executeNow(Caller.of(ctx), mapper.toRequest(r))));
    }

    private void runtimes(Context ctx) {
        List<PistonRuntime> out = new ArrayList<>();
        for (InstalledLanguage l : runService.catalogue().languages()) {
            for (Compiler c : l.compilers()) {
                out.add(new PistonRuntime(l.id(), c.version().toString(), l.definition().aliases(),
                        c.toolchain().equals(l.id()) ? null : c.toolchain()));
            }
        }
        ctx.json(out);
    }
}
