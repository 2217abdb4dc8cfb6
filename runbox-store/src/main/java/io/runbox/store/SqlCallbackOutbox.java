package io.runbox.store;

import io.runbox.core.Ids;
import io.runbox.core.jobs.CallbackDelivery;
import io.runbox.core.jobs.CallbackOutbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@link CallbackOutbox} on either backend. A {@link #claim} reads the due deliveries and postpones them in one
 * transaction, passing over rows another transaction holds ({@link Dialect#claim}), so concurrent claims take
 * different deliveries without waiting for each other.
 */
public class SqlCallbackOutbox implements CallbackOutbox {
    private final Transactions db;
    private final Dialect dialect;
    private final Clock clock;

    public SqlCallbackOutbox(Transactions db, Dialect dialect, Clock clock) {
        this.db = db;
        this.dialect = dialect;
        this.clock = clock;
    }

    /**
     * Inside the transaction that ends job {@code jobId}: a delivery of {@code body} to the job's callback URL,
     * due now, with a new delivery key; nothing when the job has no callback URL.
     */
    static void schedule(Connection c, String jobId, String body, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO callbacks (job_id, url, body, state, due_at,"
                + " created_at, delivery_key) SELECT id, callback_url, ?, 'pending', ?, ?, ? FROM jobs"
                + " WHERE id = ? AND callback_url IS NOT NULL")) {
            s.setString(1, body);
            s.setLong(2, now);
            s.setLong(3, now);
            s.setString(4, Ids.random(16));
            s.setString(5, jobId);
            s.executeUpdate();
        }
    }

    @Override
    public List<CallbackDelivery> due(Instant now, int max) {
        return db.transaction(c -> due(c, now, max, ""));
    }

    /** The deliveries due at {@code now}, oldest first, at most {@code max}; the SELECT ends with {@code lock}. */
    private static List<CallbackDelivery> due(Connection c, Instant now, int max, String lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT c.id, c.job_id, j.kind, c.url, c.body, c.attempts,"
                + " c.due_at, c.delivery_key FROM callbacks c JOIN jobs j ON j.id = c.job_id"
                + " WHERE c.state = 'pending' AND c.due_at <= ? ORDER BY c.due_at, c.id LIMIT ?" + lock)) {
            s.setLong(1, now.toEpochMilli());
            s.setInt(2, max);
            List<CallbackDelivery> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(Rows.delivery(rs));
                }
            }
            return out;
        }
    }

    @Override
    public void postpone(Collection<Long> ids, Instant until) {
        if (!ids.isEmpty()) {
            db.transaction(c -> postpone(c, ids, until));
        }
    }

    private static int postpone(Connection c, Collection<Long> ids, Instant until) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE callbacks SET due_at = ? WHERE id = ? AND state = 'pending'")) {
            for (long id : ids) {
                s.setLong(1, until.toEpochMilli());
                s.setLong(2, id);
                s.addBatch();
            }
            return s.executeBatch().length;
        }
    }

    @Override
    public List<CallbackDelivery> claim(Instant now, int max, Instant until) {
        return db.transaction(c -> {
            List<CallbackDelivery> due = due(c, now, max, dialect.claim("c"));
            if (!due.isEmpty()) {
                postpone(c, due.stream().map(CallbackDelivery::id).toList(), until);
            }
            return due;
        });
    }

    @Override
    public void delivered(long id) {
        execute("UPDATE callbacks SET state = 'delivered', attempts = attempts + 1, finished_at = ?, last_error = NULL"
                + " WHERE id = ?", clock.millis(), id);
    }

    @Override
    public void retryAt(long id, Instant next, String error) {
        execute("UPDATE callbacks SET attempts = attempts + 1, last_error = ?, due_at = ? WHERE id = ?",
                error, next.toEpochMilli(), id);
    }

    @Override
    public void giveUp(long id, String error) {
        execute("UPDATE callbacks SET state = 'given_up', attempts = attempts + 1, last_error = ?, finished_at = ?"
                + " WHERE id = ?", error, clock.millis(), id);
    }

    private void execute(String sql, Object... params) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    s.setObject(i + 1, params[i]);
                }
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<String> state(String jobId) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT state FROM callbacks WHERE job_id = ? ORDER BY id DESC LIMIT 1")) {
                s.setString(1, jobId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }
}
