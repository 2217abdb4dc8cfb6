package io.runbox.store.sqlite;

import io.runbox.core.cluster.SessionRegistry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** {@link SessionRegistry} on the embedded database: the sessions of the one node that uses it. */
public final class SqliteSessionRegistry implements SessionRegistry {
    private final SqliteDatabase db;

    public SqliteSessionRegistry(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public void register(String sessionId, String nodeId, String ownerKeyId) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT OR REPLACE INTO sessions (id, node_id, owner_key) VALUES (?, ?, ?)")) {
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
