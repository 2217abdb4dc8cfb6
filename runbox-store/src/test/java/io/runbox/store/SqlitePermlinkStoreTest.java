package io.runbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.jobs.Permlink;
import io.runbox.store.sqlite.SqliteDatabase;
import io.runbox.store.sqlite.SqlitePermlinkStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlitePermlinkStoreTest {
    @TempDir
    Path dir;

    @Test
    void aSavedRunIsReadableAfterReopening() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Permlink p = new Permlink("abc123", "python", "python-3.11", "print(1)", "in", "", "a\nb", "{\"stdout\":\"1\\n\"}", now);
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("runbox.db"))) {
            new SqlitePermlinkStore(db).save(p);
        }
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("runbox.db"))) {
            SqlitePermlinkStore store = new SqlitePermlinkStore(db);
            assertThat(store.find("abc123")).contains(p);
            assertThat(store.find("nope")).isEmpty();
        }
    }
}
