package io.runbox.server.realtime;

import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoWebSocket;
import io.socket.engineio.server.utils.ParseQS;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Glue from Jetty 12's WebSocket API to the engine.io server library: one instance per connection, passing
 * frames in as engine.io {@code message} events and engine.io's writes out as frames.
 */
public final class EngineIoJettySocket extends EngineIoWebSocket implements Session.Listener.AutoDemanding {
    private final EngineIoServer engineIo;
    private volatile Session session;
    private Map<String, String> query = Map.of();
    private Map<String, List<String>> headers = Map.of();

    EngineIoJettySocket(EngineIoServer engineIo) {
        this.engineIo = engineIo;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
        String qs = s.getUpgradeRequest().getQueryString();
        query = qs == null ? Map.of() : ParseQS.decode(qs);
        headers = s.getUpgradeRequest().getHeaders();
        engineIo.handleWebSocket(this);
    }

    @Override
    public void onWebSocketText(String message) {
        emit("message", message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] b = new byte[payload.remaining()];
        payload.get(b);
        emit("message", (Object) b);
        callback.succeed();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        emit("close");
        session = null;
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        emit("error", "write error", cause.getMessage());
    }

    @Override
    public Map<String, String> getQuery() {
        return query;
    }

    @Override
    public Map<String, List<String>> getConnectionHeaders() {
        return headers;
    }

    @Override
    public void write(String message) throws IOException {
        Session s = session;
        if (s == null || !s.isOpen()) {
            throw new IOException("the socket is closed");
        }
        s.sendText(message, Callback.NOOP);
    }

    @Override
    public void write(byte[] message) throws IOException {
        Session s = session;
        if (s == null || !s.isOpen()) {
            throw new IOException("the socket is closed");
        }
        s.sendBinary(ByteBuffer.wrap(message), Callback.NOOP);
    }

    @Override
    public void close() {
        Session s = session;
        if (s != null) {
            s.close();
        }
    }
}
