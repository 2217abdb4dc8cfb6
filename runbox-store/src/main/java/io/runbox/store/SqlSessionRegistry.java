package io.runbox.store;

import io.runbox.core.cluster.SessionRegistry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** {@link SessionRegistry} on either backend: the node of each session of the nodes that share the database. */
public final class SqlSessionRegistry implements SessionRegistry {
    private final Transactions db;

    public SqlSessionRegistry(Transactions db) {
        this.db = db;
    }

    @Override
    public void register(String sessionId, String nodeId, String ownerKeyId) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO sessions (id, node_id, owner_key) VALUES (?, ?, ?)"
                    + " ON CONFLICT (id) DO UPDATE SET node_id = excluded.node_id, owner_key = excluded.owner_key")) {
                s.setString(1, sessionId);
                s.setString(2, nodeId);
                s.setString(3, ownerKeyId);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<String> find(String sessionId) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT node_id FROM sessions WHERE id = ?")) {
                s.setString(1, sessionId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void remove(String sessionId) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM sessions WHERE id = ?")) {
                s.setString(1, sessionId);
                return s.executeUpdate();
            }
        });
    }
}
