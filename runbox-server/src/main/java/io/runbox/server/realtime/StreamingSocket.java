package io.runbox.server.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.websocket.WsContext;
import io.runbox.core.ExecResult;
import io.runbox.engine.RequestRejectedException;
import io.runbox.server.access.AccessControl;
import io.runbox.server.access.Caller;
import io.runbox.server.api.v1.NativeExecuteRequest;
import io.runbox.server.api.v1.NativeMapper;
import io.runbox.server.exec.Engine;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.Json;
import io.runbox.server.http.RejectionMapping;
import io.runbox.server.http.Routes;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /v1/ws}: the key comes in the {@code Authorization} header or as {@code ?key=} (browsers), widget
 * keys only from their allowed origins. The first message is a {@code POST /v1/execute} body ({@code type:
 * "start"} allowed); then the client gets {@code {type: "stage", stage}}, {@code {type: "stdout"|"stderr",
 * data}} as the program writes, and {@code {type: "exit", ...result}}. While it runs the client may send
 * {@code {type: "stdin", data}}, {@code {type: "stdin_eof"}} and {@code {type: "kill"}}. Errors are
 * {@code {type: "error", code, message}}; refused connections are closed with 4401 or 4403. Each start is
 * admitted as a REST execution is ({@link AccessControl#admitRun}: the plan's rate, quota and concurrent-run
 * slot); a refusal is an error message with {@code retry_after} seconds, and the connection stays open.
 */
public final class StreamingSocket implements Routes {
    private final Engine engine;
    private final AccessControl access;
    private final NativeMapper mapper;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public StreamingSocket(Engine engine, AccessControl access) {
        this.engine = engine;
        this.access = access;
        this.mapper = new NativeMapper(engine.catalogue());
    }

    /** What a connection is doing. */
    private static final class Session {
        final Caller caller;
        volatile LiveRun run;
        volatile Thread thread;
        volatile boolean killed;

        Session(Caller caller) {
            this.caller = caller;
        }
    }

    @Override
    public void register(JavalinConfig config) {
        config.jetty.modifyWebSocketServletFactory(f -> f.setMaxTextMessageSize(2L << 20));
        config.routes.ws("/v1/ws", ws -> {
            ws.onConnect(this::connect);
            ws.onMessage(ctx -> message(ctx, ctx.message()));
            ws.onClose(ctx -> close(ctx.sessionId()));
            ws.onError(ctx -> close(ctx.sessionId()));
        });
    }

    private void connect(WsContext ctx) {
        String auth = AccessControl.bearer(ctx.header("Authorization"));
        String key = auth != null ? auth : ctx.queryParam("key");
        try {
            sessions.put(ctx.sessionId(), new Session(access.authenticateRealtime(key, ctx.header("Origin"))));
            ctx.enableAutomaticPings();
        } catch (ApiException e) {
            send(ctx, error(e));
            ctx.closeSession(e.status() == 403 ? 4403 : 4401, e.getMessage());
        }
    }

    private void message(WsContext ctx, String text) {
        Session s = sessions.get(ctx.sessionId());
        if (s == null) {
            return;
        }
        JsonNode msg;
        try {
            msg = Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            send(ctx, error(ApiException.badRequest("invalid_json", "messages are JSON objects", null)));
            return;
        }
        String type = msg.path("type").asText("start");
        switch (type) {
            case "start" -> start(ctx, s, text);
            case "stdin" -> {
                LiveRun run = s.run;
                if (run == null || !run.type(msg.path("data").asText(""))) {
                    send(ctx, error(ApiException.badRequest("not_running", "no program is reading input", null)));
                }
            }
            case "stdin_eof" -> {
                if (s.run != null) {
                    s.run.endInput();
                }
            }
            case "kill" -> {
                Thread t = s.thread;
                if (t != null) {
                    s.killed = true;
                    t.interrupt();
                }
            }
            default -> send(ctx, error(ApiException.badRequest("invalid_request", "unknown message type '" + type
                    + "' (start, stdin, stdin_eof, kill)", "type")));
        }
    }

    private void start(WsContext ctx, Session s, String body) {
        if (s.thread != null) {
            send(ctx, error(ApiException.badRequest("already_running", "one run at a time per connection", null)));
            return;
        }
        AccessControl.Admission admission;
        NativeExecuteRequest wire;
        try {
            admission = access.admitRun(s.caller, clientAddress(ctx));
        } catch (ApiException e) {
            send(ctx, error(e));
            return;
        }
        try {
            wire = Json.parse(body.getBytes(StandardCharsets.UTF_8), NativeExecuteRequest.class);
        } catch (ApiException e) {
            admission.close();
            send(ctx, error(e));
            return;
        }
        // Made here, before any later message is handled: input typed (or ended) right after the start
        // message must find the run. The request's own stdin comes first.
        LiveRun run = new LiveRun(m -> send(ctx, m));
        if (wire.stdin() != null) {
            run.type(wire.stdin());
        }
        s.run = run;
        // Assigned before it starts: a run that ends at once must find itself here to clear it.
        // The last message goes out after the connection is free again (its run, its slot), so that a client
        // starting the next run on it at once is not refused as still running.
        Thread thread = Thread.ofVirtual().name("runbox-ws-" + ctx.sessionId()).unstarted(() -> {
            ObjectNode last = null;
            try {
                ExecResult result = engine.executeLive(s.caller, mapper.toRequest(withoutStdin(wire)), run);
                run.endInput();
                last = (ObjectNode) Json.MAPPER.valueToTree(NativeMapper.toResponse(result));
                last.put("type", "exit");
                if (s.killed) {
                    last.put("killed", true);
                }
            } catch (ApiException e) {
                last = error(e);
            } catch (RequestRejectedException e) {
                last = error(RejectionMapping.toApi(e));
            } finally {
                s.run = null;
                s.thread = null;
                s.killed = false;
                admission.close();
            }
            if (last != null) {
                send(ctx, last);
            }
        });
        s.thread = thread;
        thread.start();
    }

    /** The live input already carries the request's stdin. */
    private static NativeExecuteRequest withoutStdin(NativeExecuteRequest w) {
        return new NativeExecuteRequest(w.language(), w.version(), w.code(), w.files(), null, w.args(),
                w.compilerOptions(), w.runTimeout(), w.compileTimeout(), w.runMemoryLimit(), w.compileMemoryLimit(),
                w.callbackUrl(), w.extraParams());
    }

    private void close(String sessionId) {
        Session s = sessions.remove(sessionId);
        if (s != null && s.thread != null) {
            s.killed = true;
            s.thread.interrupt();
        }
    }

    private static ObjectNode error(ApiException e) {
        ObjectNode m = Json.MAPPER.createObjectNode().put("type", "error").put("code", e.code())
                .put("message", e.getMessage()).put("status", e.status());
        if (e.field() != null) {
            m.put("field", e.field());
        }
        if (e.retryAfterSeconds() != null) {
            m.put("retry_after", e.retryAfterSeconds());
        }
        return m;
    }

    private static String clientAddress(WsContext ctx) {
        return ctx.session.getRemoteSocketAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(ctx.session.getRemoteSocketAddress());
    }

    private static void send(WsContext ctx, ObjectNode message) {
        synchronized (ctx.session) {
            if (ctx.session.isOpen()) {
                ctx.send(message.toString());
            }
        }
    }
}
