package io.runbox.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.jobs.NewJob;
import io.runbox.store.sqlite.SqliteDatabase;
import io.runbox.store.sqlite.SqliteJobQueue;
import java.time.Clock;
import java.time.Duration;

/** Puts jobs in a real store the way a worker leaves them. */
final class StoredJobs {
    private StoredJobs() {
    }

    /** A job with a callback to {@code url}, run and done, whose delivery of {@code body} is now due. */
    static void endedWithCallback(SqliteDatabase db, String id, String url, String body) {
        SqliteJobQueue queue = new SqliteJobQueue(db, Clock.systemUTC());
        queue.enqueue(new NewJob(id, "native", null, "{}", url, null));
        assertThat(queue.complete(queue.claim("test", Duration.ofMinutes(1)).orElseThrow(), "{}", body)).isTrue();
    }
}
