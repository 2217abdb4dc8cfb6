package io.runbox.store;

import io.runbox.core.cluster.Node;
import io.runbox.core.cluster.NodeRegistry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link NodeRegistry} on either backend: the nodes that share the database (one, on SQLite). */
public final class SqlNodeRegistry implements NodeRegistry {
    private final Transactions db;

    public SqlNodeRegistry(Transactions db) {
        this.db = db;
    }

    @Override
    public void register(Node n) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO nodes (" + Rows.NODE_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET address = excluded.address,"
                    + " version = excluded.version, slots = excluded.slots, languages = excluded.languages,"
                    + " started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at, state = excluded.state")) {
                s.setString(1, n.id());
                s.setString(2, n.address());
                s.setString(3, n.version());
                s.setInt(4, n.slots());
                s.setString(5, String.join("\n", n.languages()));
                s.setLong(6, n.startedAt().toEpochMilli());
                s.setLong(7, n.heartbeatAt().toEpochMilli());
                s.setString(8, n.state());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public boolean heartbeat(String id, Instant at, String state) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE nodes SET heartbeat_at = ?, state = ? WHERE id = ?")) {
                s.setLong(1, at.toEpochMilli());
                s.setString(2, state);
                s.setString(3, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<Node> list() {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + Rows.NODE_COLUMNS + " FROM nodes ORDER BY id");
                 ResultSet rs = s.executeQuery()) {
                List<Node> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(Rows.node(rs));
                }
                return out;
            }
        });
    }

    @Override
    public void leave(String id) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM nodes WHERE id = ?")) {
                s.setString(1, id);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public int forget(Instant olderThan) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM nodes WHERE heartbeat_at < ?")) {
                s.setLong(1, olderThan.toEpochMilli());
                return s.executeUpdate();
            }
        });
    }
}
