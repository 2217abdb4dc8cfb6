package io.runbox.server.api.wandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.SourceFile;
import io.runbox.core.StageResult;
import io.runbox.core.jobs.Permlink;
import io.runbox.core.jobs.PermlinkStore;
import io.runbox.execution.RequestRejectedException;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.server.access.Caller;
import io.runbox.server.exec.RunService;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.Envelope;
import io.runbox.server.http.ErrorFormat;
import io.runbox.core.Ids;
import io.runbox.server.http.Json;
import io.runbox.server.http.RejectionMapping;
import io.runbox.server.http.RequestIds;
import io.runbox.server.http.Routes;
import io.runbox.server.http.Signals;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * {@code GET /v1/run}, {@code GET /v1/meta} and {@code GET /p/{id}}. {@code compiler} (an installed compiler
 * id) overrides {@code language}; {@code options} is a comma-separated set of which entries that look like
 * compiler flags ({@code -O2}) are passed to the compiler; {@code args} are newline-separated.
 */
public final class WandboxRoutes implements Routes {
    static final String PREFIX = "/codeexec-api";

    private final RunService runService;
    private final PermlinkStore permlinks;

    public WandboxRoutes(RunService runService, PermlinkStore permlinks) {
        this.runService = runService;
        this.permlinks = permlinks;
    }

    @Override
    public void register(JavalinConfig config) {
        for (String base : List.of("", PREFIX)) {
            config.routes.get(base + "/v1/run", this::run);
            config.routes.get(base + "/v1/meta", this::meta);
        }
        config.routes.get("/p/{id}", this::permlink);
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

    private void run(Context ctx) {
        String code = ctx.queryParam("code");
        if (code == null) {
            throw ApiException.badRequest("invalid_request", "'code' is required", "code");
        }
        Compiler compiler = compiler(ctx.queryParam("language"), ctx.queryParam("compiler"));
        String stdin = orEmpty(ctx.queryParam("stdin"));
        String options = orEmpty(ctx.queryParam("options"));
        String args = orEmpty(ctx.queryParam("args"));
        ExecRequest request = new ExecRequest(compiler.language().id(), compiler.id(),
                List.of(SourceFile.of(runService.catalogue().entryFile(compiler.language().id()), code)), stdin.getBytes(StandardCharsets.UTF_8),
                args.isEmpty() ? List.of() : Arrays.asList(args.split("\n")), flags(options), null);
        ExecResult result;
        try {
            result = runService.executeNow(Caller.of(ctx), request);
        } catch (RequestRejectedException e) {
            throw RejectionMapping.toApi(e);
        }
        String permlink = null;
        String url = null;
        WandboxRunResult data = data(result, null, null);
        if ("true".equalsIgnoreCase(ctx.queryParam("save")) || "1".equals(ctx.queryParam("save"))) {
            permlink = newId();
            url = baseUrl(ctx) + "/p/" + permlink;
            data = data(result, permlink, url);
            try {
                permlinks.save(new Permlink(permlink, compiler.language().id(), compiler.id(), code, stdin, options, args,
                        Json.MAPPER.writeValueAsString(data), Instant.now()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        ctx.json(Envelope.ok(data, "Compile + run code", RequestIds.of(ctx)));
    }

    private Compiler compiler(String language, String compilerId) {
        try {
            if (compilerId != null && !compilerId.isBlank()) {
                return runService.catalogue().compiler(compilerId.trim()).orElseThrow(() -> new ApiException(400,
                        "unknown_compiler", "unknown compiler '" + compilerId + "'; installed: " + String.join(", ",
                        runService.catalogue().compilers().stream().map(Compiler::id).toList()), "compiler", null));
            }
            if (language == null || language.isBlank()) {
                throw ApiException.badRequest("invalid_request", "'language' or 'compiler' is required", "language");
            }
            return runService.catalogue().resolve(language.trim(), null);
        } catch (RequestRejectedException e) {
            throw RejectionMapping.toApi(e);
        }
    }

    static WandboxRunResult data(ExecResult r, String permlink, String url) {
        StageResult shown = r.finalStage();
        String compilerError = r.compile() == null ? "" : r.compile().stderr();
        return new WandboxRunResult(Signals.name(shown.signal()), r.programStderr(), r.programStdout(), r.compilerId(),
                permlink, shown.exitCode(), url, compilerError, r.compilerOutput(), r.status().name());
    }

    /** Wandbox option names are not compiler flags; only entries that are flags reach the compiler. */
    static List<String> flags(String options) {
        return Arrays.stream(options.split(",")).map(String::trim).filter(o -> o.startsWith("-")).toList();
    }

    private void meta(Context ctx) {
        ObjectNode data = Json.MAPPER.createObjectNode()
                .put("name", "Runbox Code Execution API")
                .put("note", "Compile and run code in " + runService.catalogue().languages().size() + " languages ("
                        + runService.catalogue().compilers().size() + " compilers). Pass ?language= or an explicit"
                        + " ?compiler= (see /v1/compilers), with code, optional stdin, options and args (newline-"
                        + "separated). Returns exit_code, stdout, stderr and compiler messages. save=true returns a"
                        + " permlink.")
                .put("source", "Runbox, self-hosted: every run in its own sandbox")
                .put("auth", "none")
                .put("endpoints", 4);
        ctx.json(Envelope.ok(data, "Meta", RequestIds.of(ctx)));
    }

    private void permlink(Context ctx) throws JsonProcessingException {
        Permlink p = permlinks.find(ctx.pathParam("id"))
                .orElseThrow(() -> ApiException.notFound("no permlink " + ctx.pathParam("id")));
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains("text/html")) {
            ctx.html(PermlinkPage.render(p, Json.MAPPER.readValue(p.result(), WandboxRunResult.class)));
            return;
        }
        ObjectNode data = Json.MAPPER.createObjectNode().put("id", p.id()).put("language", p.language())
                .put("compiler", p.compiler()).put("code", p.code()).put("stdin", p.stdin())
                .put("options", p.options()).put("args", p.args()).put("created_at", p.createdAt().toString());
        JsonNode result = Json.MAPPER.readTree(p.result());
        data.set("result", result);
        ctx.json(Envelope.ok(data, "Permlink", RequestIds.of(ctx)));
    }

    private static String baseUrl(Context ctx) {
        String host = ctx.header("Host");
        return ctx.scheme() + "://" + (host != null ? host : ctx.host());
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String newId() {
        return Ids.random(12);
    }
}
