package io.runbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.jobs.CallbackDelivery;
import io.runbox.core.jobs.NewJob;
import io.runbox.store.sqlite.SqliteCallbackOutbox;
import io.runbox.store.sqlite.SqliteDatabase;
import io.runbox.store.sqlite.SqliteJobQueue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCallbackOutboxTest {
    @TempDir
    Path dir;

    @Test
    void deliveriesAreDueRetriedAndFinished() throws Exception {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("runbox.db"));
        endWithCallback(db, "j1", "{\"id\":\"j1\"}");
        SqliteCallbackOutbox outbox = new SqliteCallbackOutbox(db, Clock.systemUTC());

        CallbackDelivery d = outbox.due(Instant.now().plusMillis(1), 10).get(0);
        assertThat(d.url()).isEqualTo("http://x/cb");
        assertThat(d.attempts()).isZero();

        Instant later = Instant.now().plusSeconds(60);
        outbox.retryAt(d.id(), later, "HTTP 500");
        assertThat(outbox.due(Instant.now(), 10)).isEmpty();
        CallbackDelivery again = outbox.due(later, 10).get(0);
        assertThat(again.attempts()).isEqualTo(1);

        outbox.delivered(again.id());
        assertThat(outbox.due(later.plusSeconds(1), 10)).isEmpty();
        assertThat(outbox.state("j1")).contains("delivered");
    }

    @Test
    void aPostponedDeliveryIsDueLaterWithoutCountingATry() throws Exception {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("runbox.db"));
        endWithCallback(db, "j3", "{}");
        SqliteCallbackOutbox outbox = new SqliteCallbackOutbox(db, Clock.systemUTC());
        Instant later = Instant.now().plusSeconds(60);
        outbox.postpone(java.util.List.of(outbox.due(Instant.now().plusMillis(1), 1).get(0).id()), later);
        assertThat(outbox.due(Instant.now().plusMillis(1), 10)).isEmpty();
        assertThat(outbox.due(later, 10)).extracting(CallbackDelivery::attempts).containsExactly(0);
    }

    /** A job with a callback URL, run and ended: its delivery is scheduled with its end. */
    private static void endWithCallback(SqliteDatabase db, String id, String body) {
        SqliteJobQueue q = new SqliteJobQueue(db, Clock.systemUTC());
        q.enqueue(new NewJob(id, "native", null, "{}", "http://x/cb", null));
        assertThat(q.complete(q.claim("w", Duration.ofMinutes(1)).orElseThrow(), "{}", body)).isTrue();
    }

    @Test
    void givenUpDeliveriesStayRecorded() throws Exception {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("runbox.db"));
        endWithCallback(db, "j2", "{}");
        SqliteCallbackOutbox outbox = new SqliteCallbackOutbox(db, Clock.systemUTC());
        outbox.giveUp(outbox.due(Instant.now().plusMillis(1), 1).get(0).id(), "connection refused");
        assertThat(outbox.state("j2")).contains("given_up");
    }
}
