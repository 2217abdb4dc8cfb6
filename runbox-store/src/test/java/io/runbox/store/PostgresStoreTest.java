package io.runbox.store;

import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on a real PostgreSQL server started for this class, a new database for each test. */
class PostgresStoreTest extends StoreContract {
    private static LocalPostgres postgres;
    private String url;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = LocalPostgres.launch();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Override
    protected Database open(Clock clock) throws Exception {
        url = postgres.createDatabase();
        return openAgain(clock);
    }

    @Override
    protected Database openAgain(Clock clock) throws Exception {
        return Database.open(url, null, clock);
    }
}
