package io.runbox.store;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a real SQLite file in a temporary directory. */
class SqliteStoreTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    protected Database open(Clock clock) throws Exception {
        return openAgain(clock);
    }

    @Override
    protected Database openAgain(Clock clock) throws Exception {
        return Database.open(null, dir.resolve("runbox.db"), clock);
    }
}
