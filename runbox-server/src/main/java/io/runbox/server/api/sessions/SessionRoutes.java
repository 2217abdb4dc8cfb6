package io.runbox.server.api.sessions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.runbox.core.OutputSpec;
import io.runbox.execution.FileNames;
import io.runbox.execution.outputs.Globs;
import io.runbox.execution.RequestRejectedException;
import io.runbox.execution.session.Session;
import io.runbox.execution.session.SessionEndedException;
import io.runbox.execution.session.SessionManager;
import io.runbox.execution.session.SessionReply;
import io.runbox.server.access.AccessClass;
import io.runbox.server.access.Caller;
import io.runbox.server.access.PlanCaps;
import io.runbox.server.api.agentrunner.AgentRunnerRoutes;
import io.runbox.server.api.v1.NativeOutputFile;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.ContentEncoding;
import io.runbox.server.http.Json;
import io.runbox.server.http.Routes;
import java.io.IOException;
import io.runbox.sandbox.fs.BoxTree;
import io.runbox.sandbox.fs.WorkspaceLimitException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;

/**
 * Create, execute, upload, inspect, download and delete sessions. Each call runs in the session's own
 * state; a call over its {@code timeout} (ms, default 30 s) restarts the session and says its state was
 * lost; a session whose interpreter ended answers 410 with the reason.
 */
public final class SessionRoutes implements Routes {
    private static final Duration DEFAULT_CALL = Duration.ofSeconds(30);
    private static final long MAX_FILE = 10L << 20;
    /** The largest session file a download returns. */
    static final long MAX_DOWNLOAD = 64L << 20;
    /** Entries of the workspace's top directory a session's info lists at most. */
    static final int MAX_LISTED = 1000;
    /** The session doors' paths: the agent-runner shape (twice) and the native one. */
    public static final List<String> BASES = List.of("/api/sessions", "/v1/agent-coderunner/api/sessions",
            "/v1/sessions");
    private final SessionManager sessions;

    public SessionRoutes(SessionManager sessions) {
        this.sessions = sessions;
    }

    @Override
    public void register(JavalinConfig config) {
        for (String base : BASES) {
            boolean nativeShape = base.equals("/v1/sessions");
            config.routes.post(base, ctx -> create(ctx), AccessClass.KEY);
            config.routes.post(base + "/{id}/execute", ctx -> execute(ctx, nativeShape), AccessClass.KEY_EXECUTION);
            config.routes.post(base + "/{id}/files", this::upload, AccessClass.KEY);
            config.routes.get(base + "/{id}/files/{name}", this::download, AccessClass.KEY);
            config.routes.get(base + "/{id}", this::info, AccessClass.KEY);
            config.routes.delete(base + "/{id}", this::delete, AccessClass.KEY);
        }
    }

    @Override
    public List<io.runbox.server.http.ErrorFormat> errorFormats() {
        // The agent-runner shape answers errors as that dialect does; /v1/sessions keeps the native format.
        return List.of(io.runbox.server.http.ErrorFormat.forPrefixes((ctx, e) -> ctx.json(
                java.util.Map.of("error", e.getMessage(), "code", e.code())), "/api/sessions",
                "/v1/agent-coderunner/api/sessions"));
    }

    /**
     * Bodies: {@code {language, version?}}, {@code {code, timeout?, output_files?, output_images?}},
     * {@code {filename, content, encoding?}}.
     */
    public record CreateBody(String language, String version) {
    }

    /**
     * One call: its code, its time limit in ms, and the workspace's files its reply carries: those matching
     * {@code output_files} (globs relative to the workspace), with {@code output_images} every image the call created
     * or changed, and always the figures the call showed ({@code plt.show()}).
     */
    public record ExecuteBody(String code, Long timeout,
                              @com.fasterxml.jackson.annotation.JsonProperty("output_files") List<String> outputFiles,
                              @com.fasterxml.jackson.annotation.JsonProperty("output_images") Boolean outputImages) {
        OutputSpec outputs() throws RequestRejectedException {
            List<String> globs = outputFiles == null ? List.of() : outputFiles;
            Globs.of(globs);
            return OutputSpec.of(globs, Boolean.TRUE.equals(outputImages));
        }
    }

    public record FileBody(String filename, String content, String encoding) {
    }

    private void create(Context ctx) throws IOException, RequestRejectedException {
        CreateBody b = Json.parse(ctx.bodyAsBytes(), CreateBody.class);
        if (b.language() == null || b.language().isBlank()) {
            throw ApiException.badRequest("invalid_request", "'language' is required", "language");
        }
        try {
            Session s = sessions.create(Caller.of(ctx).keyId(), b.language().trim(), b.version());
            ctx.status(201).json(view(s));
        } catch (SessionManager.LimitReachedException e) {
            throw ApiException.busy(e.getMessage(), 30);
        }
    }

    private Session session(Context ctx) {
        String id = ctx.pathParam("id");
        return sessions.find(id, Caller.of(ctx).keyId()).orElseThrow(() -> ApiException.notFound("no session " + id));
    }

    private void execute(Context ctx, boolean nativeShape) throws RequestRejectedException {
        Session s = session(ctx);
        ExecuteBody b = Json.parse(ctx.bodyAsBytes(), ExecuteBody.class);
        if (b.code() == null) {
            throw ApiException.badRequest("invalid_request", "'code' is required", "code");
        }
        if (b.code().length() > 100 * 1024) {
            throw new ApiException(413, "payload_too_large", "code is over 100 KB", "code", null);
        }
        OutputSpec outputs = PlanCaps.outputs(Caller.of(ctx).plan(), b.outputs());
        SessionReply r = call(() -> s.execute(b.code(), b.timeout() == null ? DEFAULT_CALL : Duration.ofMillis(b.timeout()),
                outputs), s);
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (nativeShape) {
            body.put("stdout", r.stdout()).put("stderr", r.stderr()).put("code", r.exitCode())
                    .put("status", r.timedOut() ? "TIME_LIMIT" : r.exitCode() == 0 ? "OK" : "RUNTIME_ERROR")
                    .put("time_ms", r.durationMs()).put("timed_out", r.timedOut()).put("state_lost", r.stateLost())
                    .put("truncated", r.truncated());
        } else {
            body.put("id", s.id()).put("exitCode", r.exitCode())
                    .put("stdout", AgentRunnerRoutes.withoutFinalNewline(r.stdout())).put("stderr", r.stderr())
                    .put("duration", r.durationMs()).put("timedOut", r.timedOut()).put("truncated", r.truncated())
                    .put("stateLost", r.stateLost());
        }
        body.set("files", Json.MAPPER.valueToTree(NativeOutputFile.of(r.files())));
        if (r.table() != null) {
            body.set("table", Json.MAPPER.valueToTree(r.table()));
        }
        ctx.json(body);
    }

    private void upload(Context ctx) throws RequestRejectedException {
        Session s = session(ctx);
        FileBody b = Json.parse(ctx.bodyAsBytes(), FileBody.class);
        if (b.filename() == null || b.content() == null) {
            throw ApiException.badRequest("invalid_request", "'filename' and 'content' are required", "filename");
        }
        FileNames.validate(b.filename());
        byte[] data = ContentEncoding.decode(b.content(), b.encoding(), "");
        if (data.length > MAX_FILE) {
            throw new ApiException(413, "payload_too_large", "a session file is at most 10 MB", "content", null);
        }
        SessionReply r = call(() -> s.writeFile(b.filename(), data, DEFAULT_CALL), s);
        if (r.exitCode() != 0) {
            throw new ApiException(422, "cannot_write", "cannot write " + b.filename() + ": " + r.stderr().strip(),
                    "filename", null);
        }
        ctx.status(201).json(Json.MAPPER.createObjectNode().put("filename", b.filename()).put("size", data.length));
    }

    /**
     * Streams the file through the safe file layer: opened component by component without following a link,
     * checked to be a regular file of the session's workspace (a FIFO never blocks the request), read only
     * through its descriptor, at most {@value #MAX_DOWNLOAD} bytes, never held whole in memory.
     */
    private void download(Context ctx) throws IOException, RequestRejectedException {
        Session s = session(ctx);
        String name = ctx.pathParam("name");
        FileNames.validate(name);
        BoxTree.FileRead file;
        try (BoxTree tree = BoxTree.open(s.workspace())) {
            file = tree.openFile(name, MAX_DOWNLOAD);
        } catch (NoSuchFileException e) {
            throw ApiException.notFound("no file " + name + " in session " + s.id());
        } catch (WorkspaceLimitException e) {
            throw new ApiException(413, "payload_too_large", "a session file is downloaded up to " + MAX_DOWNLOAD
                    + " bytes: " + e.getMessage(), "name", null);
        }
        ctx.contentType("application/octet-stream").header("Content-Length", Long.toString(file.size()))
                .result(file.content());
    }

    private void info(Context ctx) throws IOException {
        ctx.json(view(session(ctx)));
    }

    private void delete(Context ctx) {
        Session s = session(ctx);
        sessions.close(s.id(), Caller.of(ctx).keyId());
        ctx.json(Json.MAPPER.createObjectNode().put("id", s.id()).put("deleted", true));
    }

    /** The session and the regular files at the top of its workspace (at most {@value #MAX_LISTED}), read through the safe layer. */
    private ObjectNode view(Session s) throws IOException {
        ObjectNode v = Json.MAPPER.createObjectNode().put("id", s.id()).put("language", s.language())
                .put("compiler", s.compilerId())
                .put("created", s.created().toString()).put("lastUsed", s.lastUsed().toString())
                .put("expires", sessions.expires(s).toString())
                .put("memoryKb", s.memoryBytes() / 1024);
        ArrayNode files = v.putArray("files");
        try (BoxTree tree = BoxTree.open(s.workspace())) {
            for (BoxTree.Entry e : tree.list("", MAX_LISTED)) {
                if (e.kind() == BoxTree.Kind.FILE && !e.name().startsWith(".session-driver")) {
                    files.addObject().put("name", e.name()).put("size", e.size());
                }
            }
        }
        return v;
    }

    @FunctionalInterface
    private interface Call {
        SessionReply run() throws SessionEndedException;
    }

    private SessionReply call(Call c, Session s) {
        try {
            return c.run();
        } catch (SessionEndedException e) {
            sessions.close(s.id(), s.owner());
            throw new ApiException(410, "session_ended", e.getMessage(), null, null);
        }
    }
}
