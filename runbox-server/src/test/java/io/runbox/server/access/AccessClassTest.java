package io.runbox.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.runbox.server.http.RegisteredRoutes;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A door registered without exactly one access class stops the start, naming the door. */
class AccessClassTest {
    private static final Handler OK = ctx -> ctx.result("ok");

    /** The routes a bare app registered, as the server checks them before it starts. */
    private static List<RegisteredRoutes.Route> registered(java.util.function.Consumer<io.javalin.config.JavalinConfig> routes) {
        RegisteredRoutes registered = new RegisteredRoutes();
        Javalin.create(config -> {
            registered.install(config);
            routes.accept(config);
        });
        return registered.all();
    }

    @Test
    void aRouteWithoutAnAccessClassStopsTheStart() {
        List<RegisteredRoutes.Route> routes = registered(config -> {
            config.routes.get("/declared", OK, AccessClass.OPEN);
            config.routes.post("/forgotten", OK);
        });
        assertThatThrownBy(() -> AccessClass.requireOneEach(routes)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("POST /forgotten").hasMessageContaining("no access class");
    }

    @Test
    void aRouteWithTwoAccessClassesStopsTheStart() {
        List<RegisteredRoutes.Route> routes = registered(config ->
                config.routes.get("/both", OK, AccessClass.OPEN, AccessClass.KEY));
        assertThatThrownBy(() -> AccessClass.requireOneEach(routes)).hasMessageContaining("GET /both")
                .hasMessageContaining("OPEN").hasMessageContaining("KEY");
    }

    @Test
    void aWebSocketOrServletCannotPromiseAKeyCheckNothingMakes() {
        List<RegisteredRoutes.Route> ws = registered(config ->
                config.routes.ws("/socket", w -> { }, AccessClass.KEY));
        assertThatThrownBy(() -> AccessClass.requireOneEach(ws)).hasMessageContaining("WS /socket");
        assertThatThrownBy(() -> AccessClass.requireOneEach(List.of(
                RegisteredRoutes.Route.servlet("/door", AccessClass.KEY_SYNC_EXECUTION))))
                .hasMessageContaining("SERVLET /door");
        AccessClass.requireOneEach(List.of(RegisteredRoutes.Route.servlet("/door", AccessClass.SELF_AUTHENTICATED),
                RegisteredRoutes.Route.staticFiles("/files", AccessClass.OPEN)));
    }

    @Test
    void everyRouteWithOneClassPasses() {
        List<RegisteredRoutes.Route> routes = registered(config -> {
            config.routes.get("/a", OK, AccessClass.OPEN);
            config.routes.post("/b", OK, AccessClass.KEY_SYNC_EXECUTION);
            config.routes.ws("/c", w -> { }, AccessClass.SELF_AUTHENTICATED);
        });
        AccessClass.requireOneEach(routes);
        assertThat(routes).extracting(r -> AccessClass.of(r.roles(), r.toString()))
                .containsExactly(AccessClass.OPEN, AccessClass.KEY_SYNC_EXECUTION, AccessClass.SELF_AUTHENTICATED);
        assertThat(AccessClass.of(Set.of(AccessClass.ADMIN), "x")).isEqualTo(AccessClass.ADMIN);
    }
}
