package io.runbox.server.cluster;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.runbox.core.cluster.Node;
import io.runbox.core.cluster.NodeRegistry;
import io.runbox.server.access.AccessClass;
import io.runbox.server.http.Routes;
import java.time.Instant;
import java.util.List;

/** {@code GET /admin/nodes}: the cluster's nodes, this one marked; needs the admin token. */
public final class NodeRoutes implements Routes {
    private final NodeRegistry registry;
    private final String selfId;

    /** @param selfId this node's id */
    public NodeRoutes(NodeRegistry registry, String selfId) {
        this.registry = registry;
        this.selfId = selfId;
    }

    /** A node as the admin API shows it. */
    public record NodeView(String id, String address, String version, int slots, List<String> languages,
                           String state, Instant started_at, Instant heartbeat_at, boolean self) {
        static NodeView of(Node n, String selfId) {
            return new NodeView(n.id(), n.address(), n.version(), n.slots(), n.languages(), n.state(), n.startedAt(),
                    n.heartbeatAt(), n.id().equals(selfId));
        }
    }

    /** The body of {@code GET /admin/nodes}. */
    public record NodeList(String self, List<NodeView> nodes) {
    }

    @Override
    public void register(JavalinConfig config) {
        config.routes.get("/admin/nodes", this::list, AccessClass.ADMIN);
    }

    private void list(Context ctx) {
        ctx.json(new NodeList(selfId, registry.list().stream().map(n -> NodeView.of(n, selfId)).toList()));
    }
}
