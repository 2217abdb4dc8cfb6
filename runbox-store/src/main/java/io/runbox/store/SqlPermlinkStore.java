package io.runbox.store;

import io.runbox.core.jobs.Permlink;
import io.runbox.core.jobs.PermlinkStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** {@link PermlinkStore} on either backend. */
public final class SqlPermlinkStore implements PermlinkStore {
    private final Transactions db;

    public SqlPermlinkStore(Transactions db) {
        this.db = db;
    }

    @Override
    public void save(Permlink p) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO permlinks (id, language, compiler, code, stdin,"
                    + " options, args, result_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, p.id());
                s.setString(2, p.language());
                s.setString(3, p.compiler());
                s.setString(4, p.code());
                s.setString(5, p.stdin());
                s.setString(6, p.options());
                s.setString(7, p.args());
                s.setString(8, p.result());
                s.setLong(9, p.createdAt().toEpochMilli());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Permlink> find(String id) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, language, compiler, code, stdin, options, args,"
                    + " result_json, created_at FROM permlinks WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Permlink>empty();
                    }
                    return Optional.of(new Permlink(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            Instant.ofEpochMilli(rs.getLong(9))));
                }
            }
        });
    }
}
