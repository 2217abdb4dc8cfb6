package io.runbox.server.cluster;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.runbox.core.cluster.Node;
import io.runbox.core.cluster.NodeRegistry;
import io.runbox.core.cluster.SessionRegistry;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.Routes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each call about a session to the node that holds it. A session's state lives in the memory of the node that
 * created it; on a shared store, a call that names a session this node does not hold is looked up in the
 * {@link SessionRegistry}, and forwarded with a {@link ForwardProof} to the holder's address in the
 * {@link NodeRegistry}, whose answer the client gets unchanged. This runs before access checks: the holder checks the
 * caller's key and counts the call, once. The REST session doors are routed here; other doors (MCP) apply the same
 * rule through {@link #route(String, Predicate, HttpServletRequest, Supplier, Answer)}.
 *
 * <p>A call carrying a proof is answered here and never forwarded again; a false proof is refused (403
 * {@code forged_forward}). A session the registry places on a node that is gone from the node list or cannot be
 * reached, or on this node though it is not here (this node restarted), is lost: the registry forgets it, and a REST
 * door answers 410 {@code session_lost}, so later calls get 404. A session nobody holds is left to the doors (404).
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

    private void route(Context ctx) throws InterruptedException, IOException {
        String id = ctx.pathParam("id");
        try {
            if (route(id, holdsHere, ctx.req(), ctx::bodyAsBytes, reply -> Forwarder.answer(ctx, reply))) {
                ctx.skipRemainingHandlers();
            }
        } catch (SessionLost e) {
            throw new ApiException(410, "session_lost", e.getMessage() + "; its state is gone, create a new session",
                    null, null);
        }
    }

    /**
     * The rule for a call about session {@code id}, whatever the door: returns {@code false} when this node answers
     * it (it holds the session, no node does, or the call was forwarded here with a valid proof), else forwards it
     * to the holder, hands the holder's reply to {@code answer} and returns {@code true}.
     *
     * @param holdsHere whether this node holds a session id of this door
     * @param body      the call's body, read only when it is needed (to check or sign a proof)
     * @throws ApiException 403 {@code forged_forward} for a false proof
     * @throws SessionLost  when the session is lost (and forgotten): its holder is gone or cannot be reached, or it
     *                      is placed here though it is not here
     * @throws IOException  when {@code answer} fails to pass the reply on
     */
    public boolean route(String id, Predicate<String> holdsHere, HttpServletRequest req, Supplier<byte[]> body,
                         Answer answer) throws SessionLost, IOException, InterruptedException {
        String pathAndQuery = req.getRequestURI() + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
        String presented = req.getHeader(ForwardProof.HEADER);
        if (presented != null) {
            if (!proof.verifies(presented, req.getMethod(), pathAndQuery, body.get())) {
                throw new ApiException(403, "forged_forward", "the " + ForwardProof.HEADER + " header is not a valid"
                        + " proof of this cluster", null, null);
            }
            if (!holdsHere.test(id) && sessions.find(id).filter(selfId::equals).isPresent()) {
                throw lost(id, "its node " + selfId + " no longer holds it");
            }
            return false;
        }
        if (!shared || holdsHere.test(id)) {
            return false;
        }
        Optional<String> holder = sessions.find(id);
        if (holder.isEmpty()) {
            return false;
        }
        if (holder.get().equals(selfId)) {
            throw lost(id, "its node " + selfId + " restarted");
        }
        Optional<Node> node = nodes.list().stream().filter(n -> n.id().equals(holder.get())).findFirst();
        if (node.isEmpty()) {
            throw lost(id, "its node " + holder.get() + " left the cluster");
        }
        byte[] bytes = body.get();
        HttpResponse<InputStream> reply;
        try {
            reply = forwarder.send(req, node.get().address(), pathAndQuery, bytes,
                    proof.sign(selfId, req.getMethod(), pathAndQuery, bytes));
        } catch (IOException e) {
            LOG.warn("session {}: its node {} at {} cannot be reached: {}", id, node.get().id(),
                    node.get().address(), e.toString());
            throw lost(id, "its node " + node.get().id() + " cannot be reached");
        }
        answer.write(reply);
        return true;
    }

    /**
     * Passes a holder's reply on to {@code resp} piece by piece as it arrives (for answers that may be event
     * streams), holding a bounded part of it at a time.
     */
    public static Answer streamingTo(HttpServletResponse resp) {
        return reply -> Forwarder.answer(resp, reply);
    }

    /** Passes a holder's reply on to the caller. */
    @FunctionalInterface
    public interface Answer {
        void write(HttpResponse<InputStream> reply) throws IOException;
    }

    /** Forgets the session and says it is gone with its node. */
    private SessionLost lost(String id, String why) {
        sessions.remove(id);
        return new SessionLost("session " + id + " is lost: " + why);
    }
}
