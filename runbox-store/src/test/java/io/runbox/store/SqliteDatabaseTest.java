package io.runbox.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runbox.store.sqlite.SqliteDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is SQLite's own: one file, transactions on one connection, a clear error when the file cannot be used. */
class SqliteDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void aFailedTransactionCommitsNothingAndTheNextOneWorks() throws Exception {
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("runbox.db"))) {
            assertThatThrownBy(() -> db.transaction(c -> {
                setting(c, "written", "1");
                setting(c, "written", "again"); // the primary key refuses it
                return null;
            })).isInstanceOf(StoreException.class).hasMessageContaining("database error");
            assertThat(count(db)).as("the first write was rolled back").isZero();
            db.transaction(c -> setting(c, "after", "1"));
            assertThat(count(db)).isEqualTo(1);
        }
    }

    @Test
    void aPathThatCannotBeADatabaseIsRefusedNamingIt() throws Exception {
        Path notADatabase = dir.resolve("runbox.db");
        Files.createDirectory(notADatabase);
        assertThatThrownBy(() -> SqliteDatabase.open(notADatabase)).isInstanceOf(IOException.class)
                .hasMessageContaining(notADatabase.toString());
    }

    private static int setting(java.sql.Connection c, String name, String value) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO settings (name, value) VALUES (?, ?)")) {
            s.setString(1, name);
            s.setString(2, value);
            return s.executeUpdate();
        }
    }

    private static long count(SqliteDatabase db) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM settings"); ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
