package io.runbox.store.postgres;

import io.runbox.core.access.BucketTake;
import io.runbox.core.access.RateBuckets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;

/**
 * {@link RateBuckets} on PostgreSQL, shared by the nodes of a cluster: each take is one upsert on the bucket's row
 * of {@code rate_buckets}, which PostgreSQL applies to the row's latest version under its row lock, so concurrent
 * takes on any node see each other. Rows are kept: there is one per key that was ever limited.
 */
public final class PostgresRateBuckets implements RateBuckets {
    /** The bucket's level now: its tokens plus the refill since its last take, up to its capacity. */
    private static final String LEVEL = "LEAST(excluded.capacity::float8, b.tokens"
            + " + GREATEST(0, excluded.updated_at - b.updated_at)::float8 * excluded.capacity / excluded.period_ms)";
    private static final String TAKE = "INSERT INTO rate_buckets AS b (id, capacity, period_ms, tokens, updated_at,"
            + " taken) VALUES (?, ?, ?, ?, ?, true) ON CONFLICT (id) DO UPDATE SET"
            + " tokens = CASE WHEN " + LEVEL + " >= 1 THEN " + LEVEL + " - 1 ELSE " + LEVEL + " END,"
            + " taken = " + LEVEL + " >= 1,"
            + " updated_at = GREATEST(b.updated_at, excluded.updated_at),"
            + " capacity = excluded.capacity, period_ms = excluded.period_ms"
            + " RETURNING tokens, taken";

    private final PostgresDatabase db;
    private final Clock clock;

    public PostgresRateBuckets(PostgresDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public BucketTake take(String who, long capacity, Duration period) {
        if (capacity < 1 || !period.isPositive()) {
            throw new IllegalArgumentException("a bucket holds at least one token and refills over a positive period: "
                    + capacity + " per " + period);
        }
        long periodMs = Math.max(1, period.toMillis());
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(TAKE)) {
                s.setString(1, who);
                s.setLong(2, capacity);
                s.setLong(3, periodMs);
                s.setDouble(4, capacity - 1);
                s.setLong(5, clock.millis());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return take(rs.getDouble(1), rs.getBoolean(2), capacity, periodMs);
                }
            }
        });
    }

    private static BucketTake take(double tokens, boolean taken, long capacity, long periodMs) {
        double msPerToken = (double) periodMs / capacity;
        Duration untilNext = tokens >= 1 ? Duration.ZERO : Duration.ofMillis((long) Math.ceil((1 - tokens) * msPerToken));
        Duration untilFull = Duration.ofMillis((long) Math.ceil((capacity - tokens) * msPerToken));
        return new BucketTake(taken, (long) Math.floor(tokens), untilNext, untilFull);
    }
}
