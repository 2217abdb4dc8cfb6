package io.runbox.server.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbox.core.cluster.SessionRegistry;
import io.runbox.server.access.Caller;
import io.runbox.server.cluster.SessionForwarding;
import io.runbox.server.cluster.SessionLost;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.Json;
import io.runbox.store.StoreException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each MCP session reachable from every node of a cluster. The session an {@code initialize} creates here is
 * recorded in the {@link SessionRegistry} as held by this node (owner: the caller's key) before the answer leaves,
 * and forgotten when it is closed ({@code DELETE}), when the transport no longer knows it (it expired: the
 * transport answers 404) and when this node stops. A call naming a session is sent to its holder by
 * {@link SessionForwarding}, the rule REST sessions follow, before the key is checked (the holder checks it); a
 * session whose holder is gone is answered 404 with a JSON-RPC error, the MCP answer to an unknown session, after
 * which a client starts a new one.
 */
final class McpSessionRouting implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(McpSessionRouting.class);
    static final String HEADER = "Mcp-Session-Id";
    /** The JSON-RPC error code MCP servers give for a session they do not know. */
    private static final int SESSION_NOT_FOUND = -32001;

    private final SessionForwarding forwarding;
    private final SessionRegistry registry;
    private final String nodeId;
    private final int maxBodyBytes;
    /** The sessions this node recorded as its own and has not seen closed. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    /**
     * @param nodeId       this node, as the registry names it
     * @param maxBodyBytes the longest body read to sign or check a forwarding proof (the transport's own cap)
     */
    McpSessionRouting(SessionForwarding forwarding, SessionRegistry registry, String nodeId, int maxBodyBytes) {
        this.forwarding = forwarding;
        this.registry = registry;
        this.nodeId = nodeId;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        String id = req.getHeader(HEADER);
        if (id == null || id.isBlank()) {
            chain.doFilter(req, new SessionIdWatch(resp, created -> record(created, req)));
            return;
        }
        BufferedBodyRequest buffered = new BufferedBodyRequest(req, maxBodyBytes);
        try {
            if (forwarding.route(id, held::contains, buffered, buffered, SessionForwarding.streamingTo(resp))) {
                return;
            }
        } catch (SessionLost e) {
            held.remove(id);
            notFound(resp, e.getMessage() + "; start a new session");
            return;
        } catch (ApiException e) {
            McpKeyFilter.write(resp, e);
            return;
        } catch (StoreException e) {
            LOG.warn("MCP session {}: its holder could not be looked up: {}", id, e.getMessage());
            McpKeyFilter.write(resp, ApiException.storeUnavailable());
            return;
        } catch (UncheckedIOException e) {
            LOG.debug("MCP session {}: the request could not be read: {}", id, e.getCause().toString());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("interrupted while forwarding an MCP call", e);
        }
        chain.doFilter(buffered, resp);
        boolean closed = req.getMethod().equals("DELETE") && resp.getStatus() / 100 == 2;
        if (closed || resp.getStatus() == 404) {
            forget(id);
        }
    }

    /** Records a session the transport just created for the caller {@link McpKeyFilter} let in. */
    private void record(String id, HttpServletRequest req) {
        String owner = req.getAttribute(McpKeyFilter.CALLER) instanceof Caller c ? c.keyId() : null;
        registry.register(id, nodeId, owner);
        held.add(id);
    }

    private void forget(String id) {
        held.remove(id);
        try {
            registry.remove(id);
        } catch (RuntimeException e) {
            LOG.warn("MCP session {} is closed but still recorded as live on node {}: {}", id, nodeId, e.getMessage());
        }
    }

    private static void notFound(HttpServletResponse resp, String message) throws IOException {
        ObjectNode body = Json.MAPPER.createObjectNode().put("jsonrpc", "2.0").putNull("id");
        body.putObject("error").put("code", SESSION_NOT_FOUND).put("message", message);
        resp.setStatus(404);
        resp.setContentType("application/json");
        resp.getOutputStream().write(Json.MAPPER.writeValueAsBytes(body));
    }

    /** Forgets the sessions this node still holds: they close with it. */
    void forgetAll() {
        for (String id : Set.copyOf(held)) {
            forget(id);
        }
    }
}
