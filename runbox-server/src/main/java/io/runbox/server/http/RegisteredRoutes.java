package io.runbox.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.security.RouteRole;
import io.javalin.websocket.WsHandlerType;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every endpoint registered on the app, as Javalin announced it while the front doors registered themselves:
 * HTTP methods and WebSocket paths, each with the roles it was declared with; then the doors served outside
 * Javalin's router ({@link Routes#mounts()}: servlets, static files). Before/after filters are not endpoints and
 * are left out. The one listing of what the server answers, for whatever must cover every route.
 */
public final class RegisteredRoutes {
    private static final String WS = "WS";
    private static final String SERVLET = "SERVLET";
    private static final String STATIC = "STATIC";

    /**
     * One endpoint: an HTTP method ({@code WS} for a WebSocket, {@code SERVLET} for a servlet mounted beside Javalin's
     * router, {@code STATIC} for a static-file mount), its path pattern as registered, and its roles.
     */
    public record Route(String method, String path, Set<RouteRole> roles) {
        public Route {
            roles = Set.copyOf(roles);
        }

        /** A servlet mounted at {@code pathSpec} beside Javalin's router. */
        public static Route servlet(String pathSpec, RouteRole... roles) {
            return new Route(SERVLET, pathSpec, Set.of(roles));
        }

        /** Static files served under {@code hostedPath} ({@code /*} below it). */
        public static Route staticFiles(String hostedPath, RouteRole... roles) {
            return new Route(STATIC, hostedPath.endsWith("/") ? hostedPath + "*" : hostedPath + "/*", Set.of(roles));
        }

        /**
         * Whether its requests pass Javalin's HTTP filters ({@code beforeMatched}, where access is checked): a route's
         * and a static file's do; a WebSocket's messages and a servlet's requests beside the router do not.
         */
        public boolean passesHttpFilters() {
            return !method.equals(WS) && !method.equals(SERVLET);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /** Starts listening; call before any front door registers. */
    public void install(JavalinConfig config) {
        config.events.handlerAdded(info -> {
            if (info.getHttpMethod().isHttpMethod()) {
                routes.add(new Route(info.getHttpMethod().name(), info.getPath(), info.getRoles()));
            }
        });
        config.events.wsHandlerAdded(info -> {
            if (info.getHandlerType() == WsHandlerType.WEBSOCKET) {
                routes.add(new Route(WS, info.getPath(), info.getRoles()));
            }
        });
    }

    /** Adds the doors a front door serves outside Javalin's router, as it declared them. */
    public void addMounts(List<Route> mounts) {
        routes.addAll(mounts);
    }

    /** The endpoints registered so far, in registration order. */
    public List<Route> all() {
        return List.copyOf(routes);
    }
}
