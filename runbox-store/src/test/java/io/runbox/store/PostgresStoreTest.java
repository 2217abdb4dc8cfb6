package io.runbox.store;

import java.time.Clock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on a real PostgreSQL server started for this class, a new database for each test. */
class PostgresStoreTest extends StoreContract {
    @RegisterExtension
    static final SharedPostgres POSTGRES = new SharedPostgres();
    private String url;

    @Override
    protected Database open(Clock clock) throws Exception {
        url = POSTGRES.createDatabase();
        return openAgain(clock);
    }

    @Override
    protected Database openAgain(Clock clock) throws Exception {
        return Database.open(url, null, clock);
    }
}
