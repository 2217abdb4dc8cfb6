package io.runbox.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.security.RouteRole;
import io.javalin.websocket.WsHandlerType;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every endpoint registered on the app, as Javalin announced it while the front doors registered themselves:
 * HTTP methods and WebSocket paths, each with the roles it was declared with. Before/after filters are not
 * endpoints and are left out. The one listing of what the server answers, for whatever must cover every route.
 */
public final class RegisteredRoutes {
    /** One endpoint: an HTTP method (or {@code WS}), its path pattern as registered, and its roles. */
    public record Route(String method, String path, Set<RouteRole> roles) {
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /** Starts listening; call before any front door registers. */
    public void install(JavalinConfig config) {
        config.events.handlerAdded(info -> {
            if (info.getHttpMethod().isHttpMethod()) {
                routes.add(new Route(info.getHttpMethod().name(), info.getPath(), Set.copyOf(info.getRoles())));
            }
        });
        config.events.wsHandlerAdded(info -> {
            if (info.getHandlerType() == WsHandlerType.WEBSOCKET) {
                routes.add(new Route("WS", info.getPath(), Set.copyOf(info.getRoles())));
            }
        });
    }

    /** The endpoints registered so far, in registration order. */
    public List<Route> all() {
        return List.copyOf(routes);
    }
}
