package io.runbox.store;

import io.runbox.store.sqlite.SqliteCallbackOutbox;
import io.runbox.store.sqlite.SqliteDatabase;
import io.runbox.store.sqlite.SqliteJobQueue;
import io.runbox.store.sqlite.SqliteKeyStore;
import io.runbox.store.sqlite.SqlitePermlinkStore;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a real SQLite file in a temporary directory. */
class SqliteStoreTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    protected Stores open(Clock clock) throws Exception {
        return openAgain(clock);
    }

    @Override
    protected Stores openAgain(Clock clock) throws Exception {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("runbox.db"));
        return new Stores(new SqliteJobQueue(db, clock), new SqliteCallbackOutbox(db, clock), new SqlitePermlinkStore(db),
                new SqliteKeyStore(db), db);
    }
}
