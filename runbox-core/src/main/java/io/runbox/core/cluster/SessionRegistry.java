package io.runbox.core.cluster;

import java.util.Optional;

/**
 * Which node holds each live session. A session's state lives in the memory of the node that created it; any other
 * node asked about it looks here for where to send the call. Every method's effect is committed when it returns and
 * seen by every node.
 */
public interface SessionRegistry {

    /**
     * Records that node {@code nodeId} holds session {@code sessionId}, replacing any earlier record of that id.
     *
     * @param ownerKeyId the key that created it; {@code null} for a session created without a key
     */
    void register(String sessionId, String nodeId, String ownerKeyId);

    /** The id of the node that holds session {@code sessionId}, if one is recorded. */
    Optional<String> find(String sessionId);

    /** Forgets session {@code sessionId}; nothing when it is not recorded. */
    void remove(String sessionId);
}
