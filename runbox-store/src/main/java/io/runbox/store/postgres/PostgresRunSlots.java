package io.runbox.store.postgres;

import io.runbox.core.access.RunSlot;
import io.runbox.core.access.RunSlots;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link RunSlots} on PostgreSQL, shared by the nodes of a cluster: a slot is a row of {@code run_slots}, taken by
 * one call of {@code runbox_take_run_slot} (which serialises the takers of a key) and freed by one DELETE.
 */
public final class PostgresRunSlots implements RunSlots {
    private final PostgresDatabase db;
    private final Clock clock;

    public PostgresRunSlots(PostgresDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Optional<RunSlot> tryTake(String keyId, int cap, String nodeId, Duration lease) {
        RunSlot slot = new RunSlot(UUID.randomUUID().toString(), keyId, nodeId);
        long now = clock.millis();
        boolean taken = db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT runbox_take_run_slot(?, ?, ?, ?, ?, ?)")) {
                s.setString(1, slot.id());
                s.setString(2, keyId);
                s.setString(3, nodeId);
                s.setInt(4, cap);
                s.setLong(5, now);
                s.setLong(6, now + lease.toMillis());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
        return taken ? Optional.of(slot) : Optional.empty();
    }

    @Override
    public void release(RunSlot slot) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM run_slots WHERE id = ?")) {
                s.setString(1, slot.id());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public int renew(String nodeId, Duration lease) {
        long now = clock.millis();
        return db.transaction(c -> {
            int held;
            try (PreparedStatement s = c.prepareStatement("UPDATE run_slots SET lease_until = ? WHERE node_id = ?"
                    + " AND lease_until > ?")) {
                s.setLong(1, now + lease.toMillis());
                s.setString(2, nodeId);
                s.setLong(3, now);
                held = s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM run_slots WHERE lease_until <= ?")) {
                s.setLong(1, now);
                s.executeUpdate();
            }
            return held;
        });
    }
}
