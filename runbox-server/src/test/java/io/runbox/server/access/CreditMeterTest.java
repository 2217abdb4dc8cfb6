package io.runbox.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runbox.core.access.ApiKey;
import io.runbox.core.access.KeyType;
import io.runbox.server.http.ApiException;
import io.runbox.store.sqlite.SqliteDatabase;
import io.runbox.store.sqlite.SqliteKeyStore;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run's credits on a real SQLite store: metered keys pay each run, unmetered ones cost the store nothing. */
class CreditMeterTest {

    @Test
    void anUnmeteredKeyIsReadOnceAndAMeteredOneIsChargedEveryRun() throws Exception {
        SqliteDatabase db = SqliteDatabase.open(Files.createTempDirectory("runbox-credits").resolve("runbox.db"));
        SqliteKeyStore store = new SqliteKeyStore(db);
        KeyService keys = new KeyService(store, Plans.builtIn(), Clock.systemUTC());
        ApiKey plain = keys.create(KeyType.API, "free", "operator's", null, List.of()).key();
        ApiKey metered = keys.createWithCredits("free", "self-service", 2).key();
        CreditMeter meter = new CreditMeter(store, 1);

        assertThat(meter.spendRun(plain)).isFalse();
        assertThat(meter.spendRun(metered)).isTrue();
        assertThat(meter.spendRun(metered)).isTrue();
        assertThatThrownBy(() -> meter.spendRun(metered)).isInstanceOf(ApiException.class)
                .hasFieldOrPropertyWithValue("status", 402);
        assertThat(store.credits(metered.id())).hasValue(0);

        // With the store gone, the unmetered key still runs: it was remembered, nothing is read or written for it.
        db.close();
        assertThat(meter.spendRun(plain)).isFalse();
        assertThatThrownBy(() -> meter.spendRun(metered)).isNotInstanceOf(ApiException.class);
    }
}
