package io.runbox.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runbox.core.jobs.NewJob;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL that goes down and comes back: calls fail with a {@link StoreException} saying the database is
 * unavailable, without hanging, and work again once it is back, through the same {@link Database}.
 */
class PostgresOutageTest {
    private LocalPostgres postgres;
    private Database db;

    @BeforeEach
    void open() throws Exception {
        postgres = LocalPostgres.launch();
        db = Database.open(postgres.createDatabase(), null, new TestClock(Instant.parse("2026-11-29T06:00:00Z")));
    }

    @AfterEach
    void close() {
        db.close();
        postgres.close();
    }

    @Test
    void callsFailWhileTheDatabaseIsDownAndWorkOnceItIsBack() throws Exception {
        db.jobs().enqueue(new NewJob("before", "native", null, "{}", null, null));
        postgres.stop();

        assertThatThrownBy(db::ping).isInstanceOf(StoreException.class).hasMessageContaining("unavailable");
        assertThatThrownBy(() -> db.jobs().find("before")).isInstanceOf(StoreException.class)
                .hasMessageContaining("the database is unavailable");
        assertThatThrownBy(() -> db.jobs().enqueue(new NewJob("lost", "native", null, "{}", null, null)))
                .isInstanceOf(StoreException.class).hasMessageContaining("unavailable");

        postgres.start();
        db.ping();
        assertThat(db.jobs().find("before")).isPresent();
        assertThat(db.jobs().find("lost")).as("the failed call committed nothing").isEmpty();
        db.jobs().enqueue(new NewJob("after", "native", null, "{}", null, null));
        assertThat(db.jobs().queued()).isEqualTo(2);
    }

    @Test
    void theWakeListenerReconnectsByItself() throws Exception {
        Semaphore woken = new Semaphore(0);
        db.onJobQueued(() -> {
            if (db.jobs().find("after").isPresent()) {
                woken.release();
            }
        });
        postgres.stop();
        postgres.start();
        db.jobs().enqueue(new NewJob("after", "native", null, "{}", null, null));
        assertThat(woken.tryAcquire(60, TimeUnit.SECONDS)).as("woken after the restart").isTrue();
    }
}
