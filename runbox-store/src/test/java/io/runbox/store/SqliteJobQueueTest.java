package io.runbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.jobs.Job;
import io.runbox.core.jobs.JobStatus;
import io.runbox.core.jobs.NewJob;
import io.runbox.store.sqlite.SqliteCallbackOutbox;
import io.runbox.store.sqlite.SqliteDatabase;
import io.runbox.store.sqlite.SqliteJobQueue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job queue on a real SQLite file. */
class SqliteJobQueueTest {
    @TempDir
    Path dir;

    private SqliteJobQueue open() throws Exception {
        return new SqliteJobQueue(SqliteDatabase.open(dir.resolve("runbox.db")), Clock.systemUTC());
    }

    private static NewJob job(String id) {
        return new NewJob(id, "native", null, "{\"language\":\"python\"}", "http://localhost/cb", "{\"k\":1}");
    }

    @Test
    void jobsAreClaimedOldestFirstAndCompleted() throws Exception {
        SqliteJobQueue q = open();
        q.enqueue(job("a"));
        q.enqueue(job("b"));
        assertThat(q.queued()).isEqualTo(2);

        Job first = q.claim("w1", Duration.ofMinutes(1)).orElseThrow();
        assertThat(first.id()).isEqualTo("a");
        assertThat(first.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.extraParams()).isEqualTo("{\"k\":1}");

        assertThat(q.complete(first, "{\"ok\":true}", null)).isTrue();
        Job done = q.find("a").orElseThrow();
        assertThat(done.status()).isEqualTo(JobStatus.DONE);
        assertThat(done.result()).isEqualTo("{\"ok\":true}");
        assertThat(done.finishedAt()).isNotNull();
        assertThat(q.claim("w1", Duration.ofMinutes(1)).orElseThrow().id()).isEqualTo("b");
        assertThat(q.claim("w1", Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void concurrentWorkersNeverGetTheSameJob() throws Exception {
        SqliteJobQueue q = open();
        for (int i = 0; i < 100; i++) {
            q.enqueue(job("j" + i));
        }
        ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int w = 0; w < 8; w++) {
                String worker = "w" + w;
                pool.submit(() -> {
                    Optional<Job> j;
                    while ((j = q.claim(worker, Duration.ofMinutes(1))).isPresent()) {
                        claimed.add(j.get().id());
                    }
                });
            }
        }
        Set<String> unique = new HashSet<>(claimed);
        assertThat(claimed).hasSize(100);
        assertThat(unique).hasSize(100);
    }

    @Test
    void survivesReopeningTheFile() throws Exception {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("runbox.db"));
        new SqliteJobQueue(db, Clock.systemUTC()).enqueue(job("kept"));
        db.close();
        assertThat(open().find("kept")).map(Job::status).contains(JobStatus.QUEUED);
    }

    @Test
    void recoveryRequeuesInterruptedJobsAndKeepsTheirAttemptsCounted() throws Exception {
        SqliteJobQueue q = open();
        q.enqueue(job("x"));
        q.claim("dead-node", Duration.ofMinutes(1));

        assertThat(q.recover(true)).isEqualTo(1);
        assertThat(q.find("x").orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
        assertThat(q.claim("next", Duration.ofMinutes(1)).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void aJobEndsTogetherWithItsCallbackAndOnlyUnderItsCurrentClaim() throws Exception {
        SqliteDatabase db = SqliteDatabase.open(dir.resolve("runbox.db"));
        SqliteJobQueue q = new SqliteJobQueue(db, Clock.systemUTC());
        SqliteCallbackOutbox outbox = new SqliteCallbackOutbox(db, Clock.systemUTC());
        q.enqueue(job("c"));
        Job stale = q.claim("slow", Duration.ofMillis(-1)).orElseThrow();
        assertThat(q.recover(false)).isEqualTo(1);
        Job current = q.claim("fast", Duration.ofMinutes(1)).orElseThrow();

        assertThat(q.renew(stale, Duration.ofMinutes(1))).as("a lost claim is not renewed").isFalse();
        assertThat(q.renew(current, Duration.ofMinutes(1))).isTrue();
        assertThat(q.fail(current, "it broke", "{\"body\":1}")).isTrue();
        assertThat(q.complete(stale, "{\"late\":true}", "{\"body\":2}")).as("a lost claim changes nothing").isFalse();

        Job ended = q.find("c").orElseThrow();
        assertThat(List.of(ended.status(), ended.error())).containsExactly(JobStatus.FAILED, "it broke");
        assertThat(outbox.due(java.time.Instant.now().plusSeconds(1), 10))
                .extracting(d -> d.url() + " " + d.body()).containsExactly("http://localhost/cb {\"body\":1}");
    }

    @Test
    void onlyExpiredLeasesAreRecoveredWhileNodesLive() throws Exception {
        SqliteJobQueue q = open();
        q.enqueue(job("live"));
        q.enqueue(job("stale"));
        q.claim("n1", Duration.ofMinutes(10));
        q.claim("n2", Duration.ofMillis(-1));
        assertThat(q.recover(false)).isEqualTo(1);
        assertThat(List.of(q.find("live").orElseThrow().status(), q.find("stale").orElseThrow().status()))
                .containsExactly(JobStatus.RUNNING, JobStatus.QUEUED);
    }
}
