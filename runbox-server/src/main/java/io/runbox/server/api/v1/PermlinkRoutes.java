package io.runbox.server.api.v1;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.runbox.core.Ids;
import io.runbox.core.jobs.Permlink;
import io.runbox.core.jobs.PermlinkStore;
import io.runbox.execution.ExecutionConfig;
import io.runbox.execution.RequestRejectedException;
import io.runbox.execution.catalogue.Catalogue;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.server.access.AccessClass;
import io.runbox.server.api.wandbox.WandboxRunResult;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.BaseUrl;
import io.runbox.server.http.Json;
import io.runbox.server.http.RejectionMapping;
import io.runbox.server.http.Routes;
import io.runbox.server.http.Signals;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * {@code POST /v1/permlinks}: saves code, its input, its arguments and (optionally) the result the client already
 * has, without running anything, and answers 201 with the permlink's {@code id} and {@code url}
 * ({@code GET /p/{id}}, the page or JSON every saved run has). The playground's Share button uses it.
 *
 * <p>Sizes are checked before anything is saved: code and stdin at most what a run accepts
 * ({@link ExecutionConfig#maxCodeBytes}, {@link ExecutionConfig#maxStdinBytes}), each of the result's texts at most
 * {@link #MAX_RESULT_TEXT_BYTES}; larger is a 413
 * naming the field.
 */
public final class PermlinkRoutes implements Routes {
    /** The most of each of the result's output texts a permlink holds. */
    public static final int MAX_RESULT_TEXT_BYTES = 64 * 1024;
    private final Catalogue catalogue;
    private final PermlinkStore store;
    private final ExecutionConfig runs;

    /** @param runs whose code and stdin caps a permlink keeps to: nothing is saved that could not be run */
    public PermlinkRoutes(Catalogue catalogue, PermlinkStore store, ExecutionConfig runs) {
        this.catalogue = catalogue;
        this.store = store;
        this.runs = runs;
    }

    @Override
    public void register(JavalinConfig config) {
        config.routes.post("/v1/permlinks", this::save, AccessClass.KEY);
    }

    private void save(Context ctx) throws JsonProcessingException {
        NativePermlinkRequest r = Json.parse(ctx.bodyAsBytes(), NativePermlinkRequest.class);
        if (r.code() == null) {
            throw ApiException.badRequest("invalid_request", "'code' is required", "code");
        }
        if (r.language() == null || r.language().isBlank()) {
            throw ApiException.badRequest("invalid_request", "'language' is required", "language");
        }
        Compiler compiler;
        try {
            compiler = catalogue.resolve(r.language().trim(), r.version());
        } catch (RequestRejectedException e) {
            throw RejectionMapping.toApi(e);
        }
        String stdin = r.stdin() == null ? "" : r.stdin();
        limit(r.code(), runs.maxCodeBytes(), "code");
        limit(stdin, runs.maxStdinBytes(), "stdin");
        String id = Ids.random(12);
        String url = BaseUrl.of(ctx) + "/p/" + id;
        String result = r.result() == null ? "null" : Json.MAPPER.writeValueAsString(result(r.result(), compiler, id, url));
        store.save(new Permlink(id, compiler.language().id(), compiler.id(), r.code(), stdin, "",
                String.join("\n", NativeMapper.strings(r.args(), "args")), result, Instant.now()));
        ctx.status(201).json(Map.of("id", id, "url", url, "language", compiler.language().id(),
                "compiler", compiler.id()));
    }

    /** The result in the form every permlink's is read back in. */
    private static WandboxRunResult result(NativePermlinkRequest.Result r, Compiler compiler, String id, String url) {
        String stdout = text(r.stdout(), "result.stdout");
        String stderr = text(r.stderr(), "result.stderr");
        String compileOutput = text(r.compileOutput(), "result.compile_output");
        return new WandboxRunResult(Signals.name(r.signal()), stderr, stdout, compiler.id(), id,
                r.exitCode() == null ? 0 : r.exitCode(), url, "", compileOutput, r.status() == null ? "" : r.status());
    }

    private static String text(String s, String field) {
        String t = s == null ? "" : s;
        limit(t, MAX_RESULT_TEXT_BYTES, field);
        return t;
    }

    private static void limit(String s, long max, String field) {
        int size = s.getBytes(StandardCharsets.UTF_8).length;
        if (size > max) {
            throw new ApiException(413, "payload_too_large", "'" + field + "' is " + size + " bytes; a permlink holds"
                    + " at most " + max, field, null);
        }
    }
}
