package io.runbox.store;

import io.runbox.core.access.ApiKey;
import io.runbox.core.access.CreditSpend;
import io.runbox.core.access.KeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** {@link KeyStore} on either backend. Origins are stored newline-separated. */
public class SqlKeyStore implements KeyStore {
    private static final String COLUMNS = Rows.KEY_COLUMNS;
    private final Transactions db;

    public SqlKeyStore(Transactions db) {
        this.db = db;
    }

    @Override
    public void create(ApiKey k) {
        db.transaction(c -> insert(c, k));
    }

    @Override
    public void create(ApiKey k, long credits) {
        if (credits < 0) {
            throw new IllegalArgumentException("a credit balance is never negative: " + credits);
        }
        db.transaction(c -> {
            insert(c, k);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO key_credits (key_id, balance) VALUES (?, ?)")) {
                s.setString(1, k.id());
                s.setLong(2, credits);
                return s.executeUpdate();
            }
        });
    }

    private static int insert(Connection c, ApiKey k) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO api_keys (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)")) {
            s.setString(1, k.id());
            s.setString(2, k.name());
            s.setString(3, k.type().wire());
            s.setString(4, k.plan());
            s.setString(5, k.hash());
            s.setString(6, k.hint());
            s.setString(7, k.redirectUrl());
            s.setString(8, String.join("\n", k.origins()));
            s.setLong(9, k.createdAt().toEpochMilli());
            return s.executeUpdate();
        }
    }

    @Override
    public OptionalLong credits(String id) {
        return db.transaction(c -> balance(c, id));
    }

    private static OptionalLong balance(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT balance FROM key_credits WHERE key_id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** One conditional UPDATE takes the credits, so concurrent spends (of this or another process) never overdraw. */
    @Override
    public CreditSpend spendCredits(String id, long credits) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE key_credits SET balance = balance - ?"
                    + " WHERE key_id = ? AND balance >= ? RETURNING balance")) {
                s.setLong(1, credits);
                s.setString(2, id);
                s.setLong(3, credits);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        return new CreditSpend.Spent(rs.getLong(1));
                    }
                }
            }
            OptionalLong balance = balance(c, id);
            return balance.isPresent() ? new CreditSpend.TooFew(balance.getAsLong()) : new CreditSpend.Unmetered();
        });
    }

    @Override
    public void refundCredits(String id, long credits) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE key_credits SET balance = balance + ? WHERE key_id = ?")) {
                s.setLong(1, credits);
                s.setString(2, id);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<ApiKey> findByHash(String hash) {
        return one("SELECT " + COLUMNS + " FROM api_keys WHERE hash = ?", hash);
    }

    @Override
    public Optional<ApiKey> find(String id) {
        return one("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", id);
    }

    private Optional<ApiKey> one(String sql, String arg) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, arg);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(Rows.key(rs)) : Optional.<ApiKey>empty();
                }
            }
        });
    }

    @Override
    public List<ApiKey> list() {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id");
                 ResultSet rs = s.executeQuery()) {
                List<ApiKey> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(Rows.key(rs));
                }
                return out;
            }
        });
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?")) {
                s.setLong(1, at.toEpochMilli());
                s.setString(2, id);
                return s.executeUpdate() > 0;
            }
        });
    }

    @Override
    public long uses(String id, String month) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT calls FROM key_usage WHERE key_id = ? AND month = ?")) {
                s.setString(1, id);
                s.setString(2, month);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public long recordUses(String id, String month, long calls, Instant lastUsedAt) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE api_keys SET last_used_at = ? WHERE id = ?"
                    + " AND (last_used_at IS NULL OR last_used_at < ?)")) {
                s.setLong(1, lastUsedAt.toEpochMilli());
                s.setString(2, id);
                s.setLong(3, lastUsedAt.toEpochMilli());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO key_usage (key_id, month, calls) VALUES (?, ?, ?)"
                    + " ON CONFLICT (key_id, month) DO UPDATE SET calls = key_usage.calls + excluded.calls RETURNING calls")) {
                s.setString(1, id);
                s.setString(2, month);
                s.setLong(3, calls);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public Optional<String> setting(String name) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT value FROM settings WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public String settingIfAbsent(String name, String value) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                s.setString(1, name);
                s.setString(2, value);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("SELECT value FROM settings WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }
}
