package io.runbox.core.cluster;

import java.time.Instant;
import java.util.List;

/**
 * The nodes sharing one database. Each node registers at start, reports a heartbeat while it runs and leaves when
 * it stops; a node that died without leaving is forgotten once its heartbeat is old enough. Every method's effect
 * is committed when it returns and seen by every node.
 */
public interface NodeRegistry {

    /** Adds {@code node}, replacing any node with its id. */
    void register(Node node);

    /**
     * Records that node {@code id} is alive at {@code at} in {@code state}.
     *
     * @return false, changing nothing, when no node has that id (it left or was forgotten: register again)
     */
    boolean heartbeat(String id, Instant at, String state);

    /** Every registered node, by id. */
    List<Node> list();

    /** Removes node {@code id}; nothing when there is none. */
    void leave(String id);

    /**
     * Removes every node whose last heartbeat is before {@code olderThan}.
     *
     * @return how many were removed
     */
    int forget(Instant olderThan);
}
