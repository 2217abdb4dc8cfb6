package io.runbox.server.realtime;

import io.socket.engineio.server.EngineIoServer;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;

/**
 * Serves engine.io at {@code /socket.io/*}: WebSocket upgrades go to {@link EngineIoJettySocket}, plain
 * requests (long polling) to the library's polling handler.
 */
final class EngineIoServlet extends JettyWebSocketServlet {
    private final transient EngineIoServer engineIo;

    EngineIoServlet(EngineIoServer engineIo) {
        this.engineIo = engineIo;
    }

    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        // Code and input of up to 100 KB each arrive in one message; engine.io pings every 25 s.
        factory.setMaxTextMessageSize(2L << 20);
        factory.setIdleTimeout(Duration.ofSeconds(60));
        factory.addMapping("/", (req, resp) -> new EngineIoJettySocket(engineIo));
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        if ("websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
            super.service(req, resp);
        } else {
            engineIo.handleRequest(req, resp);
        }
    }
}
