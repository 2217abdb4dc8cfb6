package io.runbox.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.runbox.core.jobs.Job;
import io.runbox.core.jobs.JobQueue;
import io.runbox.core.jobs.JobStatus;
import io.runbox.core.jobs.NewJob;
import io.runbox.server.exec.ExecutionGate;
import io.runbox.store.sqlite.SqliteCallbackOutbox;
import io.runbox.store.sqlite.SqliteDatabase;
import io.runbox.store.sqlite.SqliteJobQueue;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process dies the moment a job's end is committed, before anything else it would do: after a restart on
 * the same SQLite file, the job's callback is still delivered, because it was committed with the job's end.
 * (When ending a job and scheduling its callback were two transactions, this lost the callback.)
 */
class CallbackCrashTest {
    @TempDir
    Path dir;

    /** Thrown where the process would have died; nothing of the worker runs after it. */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash right after a job's end was committed");
        }
    }

    /** The real queue, and a crash right after the commit that ends a job. */
    private record CrashAfterJobEnd(JobQueue real, CountDownLatch crashed) implements JobQueue {
        @Override
        public void enqueue(NewJob job) {
            real.enqueue(job);
        }

        @Override
        public Optional<Job> claim(String worker, Duration lease) {
            return real.claim(worker, lease);
        }

        @Override
        public Optional<Job> claim(String worker, Duration lease, Collection<String> languages) {
            return real.claim(worker, lease, languages);
        }

        @Override
        public boolean renew(Job claimed, Duration lease) {
            return real.renew(claimed, lease);
        }

        @Override
        public boolean complete(Job claimed, String resultJson, String callbackBody) {
            real.complete(claimed, resultJson, callbackBody);
            crashed.countDown();
            throw new SimulatedCrash();
        }

        @Override
        public boolean fail(Job claimed, String reason, String callbackBody) {
            real.fail(claimed, reason, callbackBody);
            crashed.countDown();
            throw new SimulatedCrash();
        }

        @Override
        public void record(NewJob job, String resultJson, String callbackBody) {
            real.record(job, resultJson, callbackBody);
        }

        @Override
        public boolean delete(String id) {
            return real.delete(id);
        }

        @Override
        public Optional<Job> find(String id) {
            return real.find(id);
        }

        @Override
        public boolean release(Job claimed) {
            return real.release(claimed);
        }

        @Override
        public int recover(boolean everyRunning) {
            return real.recover(everyRunning);
        }

        @Override
        public long queued() {
            return real.queued();
        }
    }

    private static final JobRunner RUNNER = new JobRunner() {
        @Override
        public String run(Job job) {
            return "{\"answer\":42}";
        }

        @Override
        public String deliveryBody(Job job, String result, String error) {
            return "{\"id\":\"" + job.id() + "\",\"result\":" + result + "}";
        }
    };

    @Test
    void aCallbackSurvivesACrashRightAfterItsJobEnded() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/cb", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/cb";
        Path file = dir.resolve("runbox.db");
        try {
            SqliteDatabase before = SqliteDatabase.open(file);
            CountDownLatch crashed = new CountDownLatch(1);
            JobQueue queue = new CrashAfterJobEnd(new SqliteJobQueue(before, Clock.systemUTC()), crashed);
            JobWorkers dying = new JobWorkers(queue, new ExecutionGate(1, 1, Duration.ofSeconds(30)), 1, 2,
                    Duration.ofMinutes(1), false, List::of);
            dying.start(Map.of("test", RUNNER));
            queue.enqueue(new NewJob("j1", "test", null, "{}", url, null));
            dying.wake();
            assertThat(crashed.await(30, TimeUnit.SECONDS)).as("the job ran and ended").isTrue();
            dying.stop(Duration.ofSeconds(5));
            before.close();

            try (SqliteDatabase after = SqliteDatabase.open(file)) {
                assertThat(new SqliteJobQueue(after, Clock.systemUTC()).find("j1").orElseThrow().status())
                        .isEqualTo(JobStatus.DONE);
                SqliteCallbackOutbox outbox = new SqliteCallbackOutbox(after, Clock.systemUTC());
                CallbackSender sender = new CallbackSender(outbox, new CallbackSigner("s"), new CallbackTargets(true),
                        new CallbackSender.Settings(3, Duration.ofMillis(100), Duration.ofSeconds(10), 4, 2),
                        Clock.systemUTC());
                sender.start();
                try {
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (!outbox.state("j1").orElse("").equals("delivered") && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                } finally {
                    sender.stop();
                }
                assertThat(received).containsExactly("{\"id\":\"j1\",\"result\":{\"answer\":42}}");
                assertThat(outbox.state("j1")).contains("delivered");
            }
        } finally {
            receiver.stop(0);
        }
    }
}
