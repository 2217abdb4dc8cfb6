package io.runbox.server.cluster;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.runbox.core.cluster.Node;
import io.runbox.core.cluster.NodeRegistry;
import io.runbox.core.cluster.SessionRegistry;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.Routes;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each call about a session to the node that holds it. A session's state lives in the memory of the node that
 * created it; on a shared store, a call that names a session this node does not hold is looked up in the
 * {@link SessionRegistry}, and forwarded with a {@link ForwardProof} to the holder's address in the
 * {@link NodeRegistry}, whose answer the client gets unchanged. This runs before access checks: the holder checks the
 * caller's key and counts the call, once.
 *
 * <p>A call carrying a proof is answered here and never forwarded again; a false proof is refused (403
 * {@code forged_forward}). A session the registry places on a node that is gone from the node list or cannot be
 * reached, or on this node though it is not here (this node restarted), is lost: 410 {@code session_lost}, and the
 * registry forgets it, so later calls get 404. A session nobody holds is left to the doors (404).
 */
public final class SessionForwarding implements Routes {
    private static final Logger LOG = LoggerFactory.getLogger(SessionForwarding.class);

    private final Predicate<String> holdsHere;
    private final SessionRegistry sessions;
    private final NodeRegistry nodes;
    private final String selfId;
    private final ForwardProof proof;
    private final boolean shared;
    private final List<String> bases;
    private final Forwarder forwarder = new Forwarder();

    /**
     * @param holdsHere whether this node holds a session id
     * @param shared    whether other nodes use the same store (else every session is here or nowhere)
     * @param bases     the session doors' paths, each followed by {@code /{id}} and more
     */
    public SessionForwarding(Predicate<String> holdsHere, SessionRegistry sessions, NodeRegistry nodes, String selfId,
                             ForwardProof proof, boolean shared, List<String> bases) {
        this.holdsHere = holdsHere;
        this.sessions = sessions;
        this.nodes = nodes;
        this.selfId = selfId;
        this.proof = proof;
        this.shared = shared;
        this.bases = List.copyOf(bases);
    }

    @Override
    public void register(JavalinConfig config) {
        for (String base : bases) {
            config.routes.before(base + "/{id}", this::route);
            config.routes.before(base + "/{id}/*", this::route);
        }
    }

    private void route(Context ctx) throws InterruptedException {
        String id = ctx.pathParam("id");
        String pathAndQuery = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        String presented = ctx.header(ForwardProof.HEADER);
        if (presented != null) {
            if (!proof.verifies(presented, ctx.method().name(), pathAndQuery, ctx.bodyAsBytes())) {
                throw new ApiException(403, "forged_forward", "the " + ForwardProof.HEADER + " header is not a valid"
                        + " proof of this cluster", null, null);
            }
            if (!holdsHere.test(id) && sessions.find(id).filter(selfId::equals).isPresent()) {
                throw lost(id, "its node " + selfId + " no longer holds it");
            }
            return;
        }
        if (!shared || holdsHere.test(id)) {
            return;
        }
        Optional<String> holder = sessions.find(id);
        if (holder.isEmpty()) {
            return;
        }
        if (holder.get().equals(selfId)) {
            throw lost(id, "its node " + selfId + " restarted");
        }
        Node node = nodes.list().stream().filter(n -> n.id().equals(holder.get())).findFirst()
                .orElseThrow(() -> lost(id, "its node " + holder.get() + " left the cluster"));
        byte[] body = ctx.bodyAsBytes();
        try {
            forwarder.forward(ctx, node.address(), pathAndQuery,
                    body, proof.sign(selfId, ctx.method().name(), pathAndQuery, body));
        } catch (IOException e) {
            LOG.warn("session {}: its node {} at {} cannot be reached: {}", id, node.id(), node.address(),
                    e.toString());
            throw lost(id, "its node " + node.id() + " cannot be reached");
        }
        ctx.skipRemainingHandlers();
    }

    /** Forgets the session and says it is gone with its node. */
    private ApiException lost(String id, String why) {
        sessions.remove(id);
        return new ApiException(410, "session_lost", "session " + id + " is lost: " + why
                + "; its state is gone, create a new session", null, null);
    }
}
