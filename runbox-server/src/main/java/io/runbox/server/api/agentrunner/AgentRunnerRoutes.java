package io.runbox.server.api.agentrunner;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.SourceFile;
import io.runbox.core.StageResult;
import io.runbox.core.Status;
import io.runbox.execution.RequestRejectedException;
import io.runbox.server.access.AccessClass;
import io.runbox.server.access.Caller;
import io.runbox.server.exec.RunService;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.ErrorFormat;
import io.runbox.server.http.Json;
import io.runbox.server.http.Routes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code POST /api/execute} and {@code GET /api/run/{language}?code=}; errors are {@code {error, code}}. */
public final class AgentRunnerRoutes implements Routes {
    static final String PREFIX = "/v1/agent-coderunner";
    private final RunService runService;

    public AgentRunnerRoutes(RunService runService) {
        this.runService = runService;
    }

    @Override
    public void register(JavalinConfig config) {
        for (String base : List.of("", PREFIX)) {
            config.routes.post(base + "/api/execute", this::execute, AccessClass.KEY_SYNC_EXECUTION);
            config.routes.get(base + "/api/run/{language}", this::runGet, AccessClass.KEY_SYNC_EXECUTION);
        }
    }

    @Override
    public List<ErrorFormat> errorFormats() {
        return List.of(ErrorFormat.forPrefixes((ctx, e) -> ctx.json(
                Map.of("error", e.getMessage(), "code", e.code())), "/api/execute", "/api/run/", PREFIX + "/"));
    }

    private void execute(Context ctx) throws RequestRejectedException {
        AgentRunRequest r = Json.parse(ctx.bodyAsBytes(), AgentRunRequest.class);
        ctx.json(run(Caller.of(ctx), r.language(), r.code(), r.stdin()));
    }

    private void runGet(Context ctx) throws RequestRejectedException {
        ctx.json(run(Caller.of(ctx), ctx.pathParam("language"), ctx.queryParam("code"), ctx.queryParam("stdin")));
    }

    private AgentRunResult run(Caller caller, String language, String code, String stdin)
            throws RequestRejectedException {
        if (language == null || language.isBlank()) {
            throw ApiException.badRequest("invalid_request", "'language' is required", "language");
        }
        if (code == null) {
            throw ApiException.badRequest("invalid_request", "'code' is required", "code");
        }
        ExecRequest request = new ExecRequest(language.trim(), null,
                List.of(SourceFile.of(runService.catalogue().entryFile(language), code)),
                stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8), null, null, null);
        return toResult(runService.executeNow(caller, request));
    }

    static AgentRunResult toResult(ExecResult r) {
        StageResult shown = r.finalStage();
        return new AgentRunResult(UUID.randomUUID().toString(), r.language(), shown.exitCode(),
                withoutFinalNewline(r.programStdout()), r.errorOutput(), r.totalWallMs(),
                shown.status() == Status.TIME_LIMIT, shown.truncated(), r.compilerId());
    }

    /** The agent-runner documents show stdout without its final newline. */
    public static String withoutFinalNewline(String s) {
        if (s.endsWith("\r\n")) {
            return s.substring(0, s.length() - 2);
        }
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
