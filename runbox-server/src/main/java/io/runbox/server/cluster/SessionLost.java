package io.runbox.server.cluster;

/**
 * A session the registry placed on a node that is gone, cannot be reached, or no longer holds it: its state is lost,
 * and the registry has forgotten it. Each door says so in its own way (REST: 410, MCP: 404).
 */
public final class SessionLost extends Exception {
    public SessionLost(String message) {
        super(message, null, false, false);
    }
}
