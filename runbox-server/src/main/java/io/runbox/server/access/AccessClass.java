package io.runbox.server.access;

import io.javalin.security.RouteRole;
import io.runbox.server.http.RegisteredRoutes;
import java.util.List;
import java.util.Set;

/**
 * What a door needs before it answers, declared where the door is registered: every route, WebSocket,
 * servlet and static-file mount carries exactly one (its Javalin route role). {@link AccessControl} enforces
 * it; a route registered without exactly one fails the server's start ({@link #requireOneEach}).
 */
public enum AccessClass implements RouteRole {
    /** Answers anyone: catalogue, docs, health, metrics, permlinks, the browser files. */
    OPEN,
    /**
     * A key of type {@code api} (or the anonymous tier): 401 without, 403 for another type; the call counts
     * against the key's rate and monthly quota.
     */
    KEY,
    /**
     * {@link #KEY}, and the request starts a run that goes on after it (an async job, a session call): it also
     * spends the run's credits of a metered key (402 when they are used up).
     */
    KEY_EXECUTION,
    /**
     * {@link #KEY}, and the request runs code while it is open: it also holds one of the key's concurrent-run slots
     * and spends the run's credits of a metered key.
     */
    KEY_SYNC_EXECUTION,
    /**
     * {@link #KEY_SYNC_EXECUTION} on a Wandbox-style path, which also takes the key from {@code x-oanor-key}, as the
     * oanor documents send it.
     */
    KEY_SYNC_EXECUTION_OANOR,
    /** The admin token ({@code Authorization: Bearer ADMIN_TOKEN}); keys do not open it. */
    ADMIN,
    /**
     * The door checks keys itself, after the upgrade or for each message ({@code ?key=}, origin locks for widget
     * keys): the WebSocket, Socket.IO and MCP doors. Nothing is checked before the door answers.
     */
    SELF_AUTHENTICATED;

    /** Whether the door holds a concurrent-run slot for as long as the request is open. */
    boolean syncExecution() {
        return this == KEY_SYNC_EXECUTION || this == KEY_SYNC_EXECUTION_OANOR;
    }

    /** Whether the request starts a run, which spends a metered key's credits. */
    boolean execution() {
        return this == KEY_EXECUTION || syncExecution();
    }

    /** Whether the key may also come in {@code x-oanor-key}. */
    boolean acceptsOanorKey() {
        return this == KEY_SYNC_EXECUTION_OANOR;
    }

    /**
     * The one access class among a door's roles.
     *
     * @param door names the door in the error, e.g. {@code GET /v1/run}
     * @throws IllegalStateException when the roles hold none or more than one
     */
    public static AccessClass of(Set<? extends RouteRole> roles, String door) {
        List<AccessClass> classes = roles.stream().filter(AccessClass.class::isInstance).map(AccessClass.class::cast)
                .toList();
        if (classes.size() != 1) {
            throw new IllegalStateException(door + " is registered with " + (classes.isEmpty() ? "no access class"
                    : "access classes " + classes) + "; declare exactly one (" + List.of(values()) + ") where it is"
                    + " registered");
        }
        return classes.getFirst();
    }

    /**
     * Checks that every door was registered with exactly one access class, so that none is served open or closed by
     * accident; called once every door is registered, before the server starts. A WebSocket or a servlet is never
     * seen by {@link AccessControl}, so it may only be {@link #SELF_AUTHENTICATED} (or {@link #OPEN}): a key class
     * there would promise a check nothing makes.
     *
     * @throws IllegalStateException naming the first door that breaks the rule
     */
    public static void requireOneEach(List<RegisteredRoutes.Route> doors) {
        for (RegisteredRoutes.Route door : doors) {
            AccessClass access = of(door.roles(), door.toString());
            if (!door.passesHttpFilters() && access != SELF_AUTHENTICATED && access != OPEN) {
                throw new IllegalStateException(door + " is declared " + access + ", but nothing checks keys before a"
                        + " WebSocket or servlet door: it is " + SELF_AUTHENTICATED + " (it checks them itself) or " + OPEN);
            }
        }
    }
}
