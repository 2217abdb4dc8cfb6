package io.runbox.server.api.piston;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.runbox.engine.RequestRejectedException;
import io.runbox.engine.catalogue.Compiler;
import io.runbox.engine.catalogue.InstalledLanguage;
import io.runbox.server.access.Caller;
import io.runbox.server.exec.Engine;
import io.runbox.server.http.ErrorFormat;
import io.runbox.server.http.Json;
import io.runbox.server.http.RejectionMapping;
import io.runbox.server.http.Routes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code POST /api/v2/execute} and {@code GET /api/v2/runtimes}, also under {@code /api/v2/piston/}. */
public final class PistonRoutes implements Routes {
    private final Engine engine;
    private final PistonMapper mapper;

    public PistonRoutes(Engine engine) {
        this.engine = engine;
        this.mapper = new PistonMapper(engine.catalogue());
    }

    @Override
    public void register(JavalinConfig config) {
        for (String base : List.of("/api/v2", "/api/v2/piston")) {
            config.routes.post(base + "/execute", this::execute);
            config.routes.get(base + "/runtimes", this::runtimes);
        }
    }

    @Override
    public List<ErrorFormat> errorFormats() {
        return List.of(ErrorFormat.forPrefixes((ctx, e) -> ctx.json(Map.of("message", e.getMessage())), "/api/v2/"));
    }

    private void execute(Context ctx) {
        PistonExecuteRequest r = Json.parse(ctx.bodyAsBytes(), PistonExecuteRequest.class);
        try {
            ctx.json(PistonMapper.toResponse(engine.executeNow(Caller.of(ctx), mapper.toRequest(r))));
        } catch (RequestRejectedException e) {
            throw RejectionMapping.toApi(e);
        }
    }

    private void runtimes(Context ctx) {
        List<PistonRuntime> out = new ArrayList<>();
        for (InstalledLanguage l : engine.catalogue().languages()) {
            for (Compiler c : l.compilers()) {
                String toolchain = c.id().replaceFirst("-[^-]*$", "");
                out.add(new PistonRuntime(l.id(), c.version().toString(), l.definition().aliases(),
                        toolchain.equals(l.id()) ? null : toolchain));
            }
        }
        ctx.json(out);
    }
}
