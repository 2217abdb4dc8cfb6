package io.runbox.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.jobs.CallbackDelivery;
import io.runbox.core.jobs.Job;
import io.runbox.core.jobs.JobStatus;
import io.runbox.core.jobs.NewJob;
import io.runbox.server.exec.ExecutionGate;
import io.runbox.store.sqlite.SqliteCallbackOutbox;
import io.runbox.store.sqlite.SqliteDatabase;
import io.runbox.store.sqlite.SqliteJobQueue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every claimed job ends, on a real SQLite queue: a runner that breaks fails its job with a reason (and its
 * callback), and a job whose worker died is re-queued once its lease runs out and then runs.
 */
class JobWorkersTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private SqliteDatabase db;
    private SqliteJobQueue queue;
    private SqliteCallbackOutbox outbox;
    private JobWorkers workers;

    @BeforeEach
    void open() throws Exception {
        db = SqliteDatabase.open(dir.resolve("runbox.db"));
        queue = new SqliteJobQueue(db, Clock.systemUTC());
        outbox = new SqliteCallbackOutbox(db, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        if (workers != null) {
            workers.stop(Duration.ofSeconds(5));
        }
        db.close();
    }

    /** A front door's runner for tests: its result says which attempt ran; its callback body is the outcome. */
    private record CountingRunner(AtomicInteger runs, RuntimeException failure) implements JobRunner {
        @Override
        public String run(Job job) {
            runs.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return "{\"attempt\":" + job.attempts() + "}";
        }

        @Override
        public String deliveryBody(Job job, String result, String error) {
            return result != null ? result : "{\"error\":\"" + error + "\"}";
        }
    }

    @Test
    void aRunnerThatThrowsFailsItsJobWithAReasonAndSendsItsCallback() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        start(1, 2, LONG, new CountingRunner(runs, new IllegalStateException("a bug in a runner")));
        queue.enqueue(new NewJob("broken", "test", null, "{}", "http://receiver.test/cb", null));
        workers.wake();

        Job ended = awaitEnded("broken", LONG);
        assertThat(ended).extracting(Job::status, Job::error)
                .containsExactly(JobStatus.FAILED, JobWorkers.INTERNAL_FAILURE);
        assertThat(outbox.due(Instant.now().plusSeconds(1), 10)).extracting(CallbackDelivery::body)
                .containsExactly("{\"error\":\"" + JobWorkers.INTERNAL_FAILURE + "\"}");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aJobWhoseLeaseRanOutIsRequeuedAndCompletes() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ExecutionGate gate = new ExecutionGate(1, 1, LONG);
        Job abandoned;
        // Holding the only slot keeps this process's worker from claiming first: another node does, and dies.
        try (ExecutionGate.Slot held = gate.enter()) {
            start(gate, 1, 2, Duration.ofSeconds(1), new CountingRunner(runs, null));
            queue.enqueue(new NewJob("orphan", "test", null, "{}", null, null));
            abandoned = queue.claim("dead-node", Duration.ofSeconds(1)).orElseThrow();
        }

        Job ended = awaitEnded("orphan", LONG);
        assertThat(ended).extracting(Job::status, Job::result).containsExactly(JobStatus.DONE, "{\"attempt\":2}");
        assertThat(runs).hasValue(1);
        assertThat(queue.complete(abandoned, "{\"late\":true}", null)).as("the dead node's claim is void").isFalse();
    }

    @Test
    void aJobThatRunsLongerThanItsLeaseKeepsItWhileItsWorkerLives() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountingRunner slow = new CountingRunner(runs, null);
        start(new ExecutionGate(2, 1, LONG), 2, 2, Duration.ofSeconds(1), new JobRunner() {
            @Override
            public String run(Job job) {
                try {
                    Thread.sleep(4000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return slow.run(job);
            }

            @Override
            public String deliveryBody(Job job, String result, String error) {
                return slow.deliveryBody(job, result, error);
            }
        });
        queue.enqueue(new NewJob("long", "test", null, "{}", null, null));
        workers.wake();

        Job ended = awaitEnded("long", LONG);
        assertThat(ended).extracting(Job::status, Job::result).containsExactly(JobStatus.DONE, "{\"attempt\":1}");
        assertThat(runs).as("never re-queued while it ran").hasValue(1);
    }

    @Test
    void aJobStartedTooOftenFailsWithItsCallbackInsteadOfRunningAgain() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ExecutionGate gate = new ExecutionGate(1, 1, LONG);
        try (ExecutionGate.Slot held = gate.enter()) {
            start(gate, 1, 1, Duration.ofSeconds(1), new CountingRunner(runs, null));
            queue.enqueue(new NewJob("cursed", "test", null, "{}", "http://receiver.test/cb", null));
            queue.claim("dead-node", Duration.ofSeconds(1)).orElseThrow();
        }

        Job ended = awaitEnded("cursed", LONG);
        assertThat(ended.status()).isEqualTo(JobStatus.FAILED);
        assertThat(ended.error()).contains("not retried again");
        assertThat(outbox.due(Instant.now().plusSeconds(1), 10)).extracting(CallbackDelivery::body).singleElement()
                .asString().contains("not retried again");
        assertThat(runs).hasValue(0);
    }

    private void start(int slots, int maxAttempts, Duration lease, JobRunner runner) {
        start(new ExecutionGate(slots, 1, LONG), 1, maxAttempts, lease, runner);
    }

    private void start(ExecutionGate gate, int count, int maxAttempts, Duration lease, JobRunner runner) {
        workers = new JobWorkers(queue, gate, count, maxAttempts, lease, false, List::of);
        workers.start(Map.of("test", runner));
    }

    private Job awaitEnded(String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Job job = queue.find(id).orElseThrow();
            if (job.status() == JobStatus.DONE || job.status() == JobStatus.FAILED) {
                return job;
            }
            assertThat(System.nanoTime()).as("job %s is still %s", id, job.status()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
