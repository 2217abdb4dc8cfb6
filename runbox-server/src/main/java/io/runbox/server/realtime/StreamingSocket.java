package io.runbox.server.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.websocket.WsContext;
import io.runbox.core.ExecResult;
import io.runbox.core.QueuedInput;
import io.runbox.execution.RequestRejectedException;
import io.runbox.server.access.AccessClass;
import io.runbox.server.access.AccessControl;
import io.runbox.server.access.Caller;
import io.runbox.server.api.v1.NativeExecuteRequest;
import io.runbox.server.api.v1.NativeMapper;
import io.runbox.server.exec.RunService;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.Json;
import io.runbox.server.http.RejectionMapping;
import io.runbox.server.http.Routes;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/ws}: the key comes in the {@code Authorization} header or as {@code ?key=} (browsers), widget
 * keys only from their allowed origins, other keys not from another site's page
 * ({@link AccessControl#authenticateRealtime}). The first message is a {@code POST /v1/execute} body ({@code type:
 * "start"} allowed); then the client gets {@code {type: "stage", stage}}, {@code {type: "stdout"|"stderr",
 * data}} as the program writes, {@code {type: "files", files}} when the run left files the request asked for
 * ({@code output_files}, {@code output_images}, figures), and {@code {type: "exit", ...result}}. While it runs the client may send
 * {@code {type: "stdin", data}}, {@code {type: "stdin_eof"}} and {@code {type: "kill"}}. Errors are
 * {@code {type: "error", code, message}}; refused connections are closed with 4401 or 4403. Each start is
 * admitted as a REST execution is ({@link AccessControl#admitRun}: the plan's rate, quota and concurrent-run
 * slot); a refusal is an error message with {@code retry_after} seconds, and the connection stays open.
 *
 * <p>Every start ends with exactly one {@code exit} or {@code error} message, whatever happens in the server
 * (a failure there is {@code internal_error}, logged, without a stack trace). A {@code kill} while the run waits for
 * an execution slot ends it with an {@code error} of code {@code cancelled} (nothing ran); a {@code kill} while it
 * runs ends it with an {@code exit} of status {@code KILLED} (exit code 137, signal 9) and {@code killed: true}.
 *
 * <p>Input the program has not read yet is held up to {@link LiveRun#STDIN_CAP_BYTES}; a {@code stdin} message
 * that does not fit is refused whole with an {@code input_buffer_full} error (with {@code queued_bytes} and
 * {@code limit_bytes}) and the run goes on.
 */
public final class StreamingSocket implements Routes {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingSocket.class);
    private final RunService runService;
    private final AccessControl access;
    private final NativeMapper mapper;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public StreamingSocket(RunService runService, AccessControl access) {
        this.runService = runService;
        this.access = access;
        this.mapper = new NativeMapper(runService.catalogue());
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
        }, AccessClass.SELF_AUTHENTICATED);
    }

    private void connect(WsContext ctx) {
        String auth = AccessControl.bearer(ctx.header("Authorization"));
        String key = auth != null ? auth : ctx.queryParam("key");
        try {
            Caller caller = access.authenticateRealtime(key, ctx.header("Origin"), ctx.header("Host"),
                    ctx.header("X-Forwarded-Host"));
            sessions.put(ctx.sessionId(), new Session(caller));
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
            msg = Json.object(text.getBytes(StandardCharsets.UTF_8));
        } catch (ApiException e) {
            send(ctx, error(e));
            return;
        }
        String type = msg.path("type").asText("start");
        try {
            handle(ctx, s, type, msg, text);
        } catch (RuntimeException e) {
            // Before a run's thread starts: no run is left waiting for its end, this is the one message.
            send(ctx, internalError(ctx, e));
        }
    }

    private void handle(WsContext ctx, Session s, String type, JsonNode msg, String text) {
        switch (type) {
            case "start" -> start(ctx, s, text);
            case "stdin" -> {
                LiveRun run = s.run;
                String data = msg.path("data").asText("");
                QueuedInput.Offer offer = run == null ? QueuedInput.Offer.CLOSED : run.type(data);
                if (offer == QueuedInput.Offer.CLOSED) {
                    send(ctx, error(ApiException.badRequest("not_running", "no program is reading input", null)));
                } else if (offer == QueuedInput.Offer.FULL) {
                    send(ctx, inputBufferFull(run, data));
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
            wire = Json.parse(body.getBytes(StandardCharsets.UTF_8), NativeExecuteRequest.class, "type");
        } catch (ApiException e) {
            admission.close();
            send(ctx, error(e));
            return;
        }
        // Made here, before any later message is handled: input typed (or ended) right after the start
        // message must find the run. The request's own stdin comes first.
        LiveRun run = new LiveRun(m -> send(ctx, m));
        if (wire.stdin() != null && run.type(wire.stdin()) != QueuedInput.Offer.ACCEPTED) {
            admission.close();
            send(ctx, error(new ApiException(413, "payload_too_large", "stdin is over " + LiveRun.STDIN_CAP_BYTES
                    + " bytes", "stdin", null)));
            return;
        }
        s.run = run;
        // Assigned before it starts: a run that ends at once must find itself here to clear it.
        // The last message goes out after the connection is free again (its run, its slot), so that a client
        // starting the next run on it at once is not refused as still running.
        Thread thread = Thread.ofVirtual().name("runbox-ws-" + ctx.sessionId()).unstarted(() -> {
            ObjectNode last = null;
            try {
                ExecResult result = runService.executeLive(s.caller, mapper.toRequest(withoutStdin(wire)), run);
                last = (ObjectNode) Json.MAPPER.valueToTree(NativeMapper.toResponse(result));
                if (last.has("files")) {
                    // The files go in a message of their own before the last one, which then does not repeat them.
                    send(ctx, Json.MAPPER.createObjectNode().put("type", "files").set("files", last.remove("files")));
                }
                last.put("type", "exit");
                if (s.killed) {
                    last.put("killed", true);
                }
            } catch (ApiException e) {
                last = error(e);
            } catch (RequestRejectedException e) {
                last = error(RejectionMapping.toApi(e));
            } catch (RuntimeException e) {
                last = internalError(ctx, e);
            } finally {
                run.endInput();
                s.run = null;
                s.thread = null;
                s.killed = false;
                admission.close();
                // A kill that came after the run ended must not stop the last message.
                Thread.interrupted();
                // Sent whatever ended the run (an Error too): every run ends with exactly one exit or error.
                send(ctx, last != null ? last : internalError(ctx, null));
            }
        });
        s.thread = thread;
        thread.start();
    }

    /** The live input already carries the request's stdin. */
    private static NativeExecuteRequest withoutStdin(NativeExecuteRequest w) {
        return new NativeExecuteRequest(w.language(), w.version(), w.code(), w.files(), null, w.args(),
                w.compilerOptions(), w.runTimeout(), w.compileTimeout(), w.runMemoryLimit(), w.compileMemoryLimit(),
                w.callbackUrl(), w.extraParams(), w.outputFiles(), w.outputImages(), w.outputFileMaxBytes(),
                w.outputFilesMaxBytes());
    }

    private void close(String sessionId) {
        Session s = sessions.remove(sessionId);
        if (s != null && s.thread != null) {
            s.killed = true;
            s.thread.interrupt();
        }
    }

    /** The end of a run that failed in the server: logged with the connection, the client gets no stack trace. */
    private static ObjectNode internalError(WsContext ctx, Throwable e) {
        LOG.error("run on WebSocket connection {} failed", ctx.sessionId(), e);
        return error(new ApiException(500, "internal_error", "internal error; quote connection " + ctx.sessionId()
                + " when reporting it", null, null));
    }

    /** The refusal of typed input the program has not made room for; the run goes on. */
    private static ObjectNode inputBufferFull(LiveRun run, String data) {
        int size = data.getBytes(StandardCharsets.UTF_8).length;
        String why = size > LiveRun.STDIN_CAP_BYTES
                ? "this input (" + size + " bytes) is larger than the input buffer; send it in smaller pieces"
                : "the program has not read the input sent before; this input (" + size + " bytes) was refused,"
                        + " send it again once the program reads";
        return error(new ApiException(429, "input_buffer_full", "the input buffer is full (" + run.queuedInput()
                + " of " + LiveRun.STDIN_CAP_BYTES + " bytes wait for the program): " + why, "data", null))
                .put("queued_bytes", run.queuedInput()).put("limit_bytes", LiveRun.STDIN_CAP_BYTES);
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
