package io.runbox.server.realtime;

import io.javalin.config.JavalinConfig;
import io.runbox.core.ExecResult;
import io.runbox.execution.RequestRejectedException;
import io.runbox.server.access.AccessClass;
import io.runbox.server.access.AccessControl;
import io.runbox.server.access.Caller;
import io.runbox.server.api.onlinecompiler.OnlineCompilerMapper;
import io.runbox.server.api.onlinecompiler.OnlineCompilerRequest;
import io.runbox.server.api.v1.NativeOutputFile;
import io.runbox.server.exec.RunService;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.Json;
import io.runbox.server.http.RegisteredRoutes;
import io.runbox.server.http.RejectionMapping;
import io.runbox.server.http.Routes;
import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoServerOptions;
import io.socket.socketio.server.SocketIoNamespace;
import io.socket.socketio.server.SocketIoServer;
import io.socket.socketio.server.SocketIoSocket;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The onlinecompiler seed's Socket.IO door on the same port: a client connects with {@code auth: {token:
 * KEY}} (or sends {@code api_key} with each run), emits {@code runcode} {@code {compiler, code, input}} and
 * receives {@code codeoutput} with the same result as {@code /api/run-code-sync/}, after a {@code files} event
 * {@code {files}} when the run left files it asked for ({@code output_files}, {@code output_images}, figures). At most one run per
 * second per connection, and each run is admitted as a REST execution is ({@link AccessControl#admitRun}: the
 * plan's rate, quota and concurrent-run slot, so a connection holds no more runs than the key's cap); for any
 * refusal the client gets an {@code error} event {@code {code, message, retry_after?}} and stays connected; each
 * {@code runcode} gets exactly one {@code codeoutput} or {@code error} (a failure in the server is
 * {@code internal_error}, logged, without a stack trace). A
 * bad key is told so and disconnected.
 */
public final class SocketIoDoor implements Routes {
    private static final Logger LOG = LoggerFactory.getLogger(SocketIoDoor.class);
    private final RunService runService;
    private final AccessControl access;
    private final OnlineCompilerMapper mapper;
    private final EngineIoServer engineIo;
    /**
     * engine.io does not tell a socket's remote address, so anonymous Socket.IO runs share one anonymous rate
     * bucket (the stricter reading); keyed runs count against their key.
     */
    private static final String ANONYMOUS_CLIENT = "socket.io";
    private static final String PATH = "/socket.io/*";

    public SocketIoDoor(RunService runService, AccessControl access, OnlineCompilerMapper mapper) {
        this.runService = runService;
        this.access = access;
        this.mapper = mapper;
        EngineIoServerOptions options = EngineIoServerOptions.newFromDefault();
        options.setAllowedCorsOrigins(EngineIoServerOptions.ALLOWED_CORS_ORIGIN_ALL);
        this.engineIo = new EngineIoServer(options);
        SocketIoNamespace ns = new SocketIoServer(engineIo).namespace("/");
        ns.on("connection", args -> connect((SocketIoSocket) args[0]));
    }

    @Override
    public void register(JavalinConfig config) {
        config.jetty.modifyServletContextHandler(h -> {
            ServletHolder holder = new ServletHolder(new EngineIoServlet(engineIo));
            holder.setAsyncSupported(true);
            h.addServlet(holder, PATH);
        });
    }

    /** The engine.io servlet beside Javalin's router: each connection and each run checks its key itself. */
    @Override
    public List<RegisteredRoutes.Route> mounts() {
        return List.of(RegisteredRoutes.Route.servlet(PATH, AccessClass.SELF_AUTHENTICATED));
    }

    /** Per connection: who it is, and when it last ran something. */
    private static final class Connection {
        volatile Caller caller;
        private long lastRunNanos = Long.MIN_VALUE / 2;

        /** The seed's rate: one run per second per connection, counted from when a run was sent. */
        synchronized boolean mayStartRun(long now) {
            if (now - lastRunNanos < 1_000_000_000L) {
                return false;
            }
            lastRunNanos = now;
            return true;
        }
    }

    private void connect(SocketIoSocket socket) {
        Connection c = new Connection();
        String origin = header(socket, "origin");
        try {
            String token = socket.getConnectData() instanceof JSONObject j ? key(j, "token") : null;
            if (token != null) {
                c.caller = access.authenticateRealtime(token, origin, hosts(socket));
            }
        } catch (ApiException e) {
            socket.send("error", error(e));
            socket.disconnect(false);
            return;
        }
        socket.on("runcode", args -> runcode(socket, c, origin, args.length > 0 ? args[0] : null));
    }

    private void runcode(SocketIoSocket socket, Connection c, String origin, Object payload) {
        // Counted here, on the connection's event thread, so runs are admitted in the order they were sent.
        if (!c.mayStartRun(System.nanoTime())) {
            socket.send("error", error(ApiException.busy("at most one run per second per connection", 1)));
            return;
        }
        Thread.ofVirtual().start(() -> {
            String event = "error";
            JSONObject message = null;
            try {
                JSONObject body = payload instanceof JSONObject j ? j : new JSONObject();
                Caller caller = c.caller;
                String apiKey = key(body, "api_key");
                if (apiKey != null) {
                    caller = access.authenticateRealtime(apiKey, origin, hosts(socket));
                }
                if (caller == null) {
                    caller = access.authenticateRealtime(null, origin, hosts(socket));
                }
                String result;
                try (AccessControl.Admission admission = access.admitRun(caller, ANONYMOUS_CLIENT)) {
                    OnlineCompilerRequest r = Json.parse(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            OnlineCompilerRequest.class, "api_key");
                    ExecResult ran = runService.executeNow(caller, mapper.toRequest(r));
                    result = Json.MAPPER.writeValueAsString(mapper.toResult(ran));
                    if (!ran.files().isEmpty()) {
                        socket.send("files", new JSONObject(Json.MAPPER.writeValueAsString(
                                Map.of("files", NativeOutputFile.of(ran.files())))));
                    }
                }
                message = new JSONObject(result);
                event = "codeoutput";
            } catch (ApiException e) {
                message = error(e);
            } catch (RequestRejectedException e) {
                message = error(RejectionMapping.toApi(e));
            } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                message = internalError(socket, e);
            } finally {
                // Sent whatever ended the run (an Error too): each runcode gets exactly one event.
                socket.send(event, message != null ? message : internalError(socket, null));
            }
        });
    }

    /** The end of a run that failed in the server: logged with the connection, the client gets no stack trace. */
    private static JSONObject internalError(SocketIoSocket socket, Throwable e) {
        LOG.error("runcode on Socket.IO connection {} failed", socket.getId(), e);
        return error(new ApiException(500, "internal_error", "internal error; quote connection " + socket.getId()
                + " when reporting it", null, null));
    }

    private static JSONObject error(ApiException e) {
        JSONObject o = new JSONObject(Map.of("code", e.code(), "message", e.getMessage(), "status", e.status()));
        if (e.field() != null) {
            o.put("field", e.field());
        }
        if (e.retryAfterSeconds() != null) {
            o.put("retry_after", e.retryAfterSeconds());
        }
        return o;
    }

    /**
     * A key the client sent in {@code field} of {@code o}: {@code null} when absent or null; anything but a string is
     * refused as an invalid request naming the field.
     */
    private static String key(JSONObject o, String field) {
        Object value = o.opt(field);
        if (value == null || JSONObject.NULL.equals(value)) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        throw ApiException.badRequest("invalid_request", "'" + field + "' must be a string: the API key", field);
    }

    /** The host the connection came to, for {@link AccessControl#authenticateRealtime}. */
    private static String[] hosts(SocketIoSocket socket) {
        return new String[] {header(socket, "host"), header(socket, "x-forwarded-host")};
    }

    private static String header(SocketIoSocket socket, String name) {
        for (Map.Entry<String, List<String>> e : socket.getInitialHeaders().entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}
