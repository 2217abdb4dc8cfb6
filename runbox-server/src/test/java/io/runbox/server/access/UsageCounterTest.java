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
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys' calls counted in memory and written in batches, on a real SQLite store. */
class UsageCounterTest {
    private static final Duration NEVER = Duration.ofHours(1);
    private final String month = YearMonth.now(ZoneOffset.UTC).toString();
    private SqliteDatabase db;
    private SqliteKeyStore store;
    private KeyService keys;
    private ApiKey key;

    @BeforeEach
    void open() throws Exception {
        db = SqliteDatabase.open(Files.createTempDirectory("runbox-usage").resolve("runbox.db"));
        store = new SqliteKeyStore(db);
        keys = new KeyService(store, Plans.builtIn(), Clock.systemUTC());
        key = keys.create(KeyType.API, "free", "counted", null, List.of()).key();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void callsReachTheStoreWithinTheFlushWindow() throws Exception {
        try (UsageCounter usage = new UsageCounter(store, Duration.ofSeconds(1))) {
            Instant at = Instant.now();
            for (int i = 1; i <= 5; i++) {
                assertThat(usage.count(key.id(), month, at)).isEqualTo(i);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (store.uses(key.id(), month) < 5 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(store.uses(key.id(), month)).isEqualTo(5);
            assertThat(store.find(key.id()).orElseThrow().lastUsedAt()).isEqualTo(at.truncatedTo(
                    java.time.temporal.ChronoUnit.MILLIS));
        }
    }

    @Test
    void pendingCallsAreWrittenAtClose() {
        UsageCounter usage = new UsageCounter(store, NEVER);
        for (int i = 0; i < 3; i++) {
            usage.count(key.id(), month, Instant.now());
        }
        assertThat(store.uses(key.id(), month)).as("batched: nothing written yet").isZero();
        usage.close();
        assertThat(store.uses(key.id(), month)).isEqualTo(3);
    }

    @Test
    void theCountIsWhatIsStoredPlusWhatIsPending() {
        store.recordUses(key.id(), month, 10, Instant.now()); // counted before a restart
        try (UsageCounter usage = new UsageCounter(store, NEVER)) {
            assertThat(usage.count(key.id(), month, Instant.now())).isEqualTo(11);
            assertThat(usage.count(key.id(), month, Instant.now())).isEqualTo(12);
            usage.flush();
            assertThat(store.uses(key.id(), month)).isEqualTo(12);
            assertThat(usage.count(key.id(), month, Instant.now())).isEqualTo(13);
        }
    }

    @Test
    void aKeyOverItsMonthlyQuotaIsRefusedWithItsCallsStillPending() {
        try (UsageCounter usage = new UsageCounter(store, NEVER)) {
            AccessControl access = new AccessControl(keys, usage, KeyLimits.inProcess(), Plans.builtIn(),
                    new AccessControl.Anonymous(false, 0), KeyService.hash("admin"), Clock.systemUTC(), store, 1);
            Caller caller = new Caller(key, new Plan("tiny", null, 3L, null, null, null, null));
            for (int i = 0; i < 3; i++) {
                access.admitRun(caller, "127.0.0.1").close();
            }
            assertThatThrownBy(() -> access.admitRun(caller, "127.0.0.1"))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("monthly quota of 3"));
            assertThat(store.uses(key.id(), month)).as("the calls are still pending").isZero();
        }
        assertThat(store.uses(key.id(), month)).isEqualTo(4);
    }
}
