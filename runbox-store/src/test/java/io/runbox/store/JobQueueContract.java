package io.runbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.jobs.CallbackDelivery;
import io.runbox.core.jobs.Job;
import io.runbox.core.jobs.JobQueue;
import io.runbox.core.jobs.JobStatus;
import io.runbox.core.jobs.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@link JobQueue} as its Javadoc promises: claims, leases, recovery, and a job's end with its callback. */
interface JobQueueContract extends StoreFixture {
    Duration MINUTE = Duration.ofMinutes(1);

    private JobQueue queue() {
        return stores().jobs();
    }

    private static NewJob job(String id) {
        return new NewJob(id, "native", "key-1", "{\"language\":\"python\"}", "http://localhost/cb", "{\"k\":1}");
    }

    /** Enqueues jobs a second apart, so "oldest" is decided by the clock alone. */
    private void enqueueInOrder(String... ids) {
        for (String id : ids) {
            queue().enqueue(job(id));
            clock().advance(Duration.ofSeconds(1));
        }
    }

    /** Due deliveries, as "jobId url body". */
    private List<String> deliveries() {
        return stores().callbacks().due(clock().instant(), 100).stream()
                .map(d -> d.jobId() + " " + d.url() + " " + d.body()).toList();
    }

    @Test
    default void anEnqueuedJobIsFoundQueuedAsAccepted() {
        queue().enqueue(job("a"));
        Job a = queue().find("a").orElseThrow();
        assertThat(List.of(a.id(), a.kind(), a.owner(), a.requestJson(), a.callbackUrl(), a.extraParams()))
                .containsExactly("a", "native", "key-1", "{\"language\":\"python\"}", "http://localhost/cb", "{\"k\":1}");
        assertThat(a.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(a.attempts()).isZero();
        assertThat(a.createdAt()).isEqualTo(clock().instant());
        assertThat(a.startedAt()).isNull();
        assertThat(a.finishedAt()).isNull();
        assertThat(a.result()).isNull();
        assertThat(queue().queued()).isEqualTo(1);
        assertThat(queue().find("nope")).isEmpty();
    }

    @Test
    default void anAnonymousJobWithoutCallbackKeepsItsNulls() {
        queue().enqueue(new NewJob("anon", "piston", null, "{}", null, null));
        Job j = queue().find("anon").orElseThrow();
        assertThat(j.kind()).isEqualTo("piston");
        assertThat(j.owner()).isNull();
        assertThat(j.callbackUrl()).isNull();
        assertThat(j.extraParams()).isNull();
    }

    @Test
    default void claimsTakeTheOldestQueuedJobFirstAndCountAnAttempt() {
        enqueueInOrder("a", "b", "c");
        Job first = queue().claim("w1", MINUTE).orElseThrow();
        assertThat(first.id()).isEqualTo("a");
        assertThat(first.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.startedAt()).isEqualTo(clock().instant());
        assertThat(queue().find("a").orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(queue().queued()).isEqualTo(2);

        assertThat(queue().claim("w2", MINUTE).map(Job::id)).contains("b");
        assertThat(queue().claim("w1", MINUTE).map(Job::id)).contains("c");
        assertThat(queue().claim("w1", MINUTE)).as("nothing queued").isEmpty();
        assertThat(queue().queued()).isZero();
    }

    @Test
    default void aJobForALanguageIsClaimedOnlyByAWorkerServingIt() {
        queue().enqueue(new NewJob("rust-job", "native", null, "{}", null, null, "rust"));
        clock().advance(Duration.ofSeconds(1));
        queue().enqueue(new NewJob("python-job", "native", null, "{}", null, null, "python"));
        clock().advance(Duration.ofSeconds(1));
        queue().enqueue(job("any-job"));
        assertThat(queue().find("rust-job").map(Job::language)).contains("rust");
        assertThat(queue().find("any-job").map(Job::language)).isEmpty();

        Job python = queue().claim("w", MINUTE, List.of("python", "go")).orElseThrow();
        assertThat(List.of(python.id(), python.language())).as("the older rust job is not this node's")
                .containsExactly("python-job", "python");
        assertThat(queue().claim("w", MINUTE, List.of("python")).map(Job::id)).as("a job for any node").contains("any-job");
        assertThat(queue().claim("w", MINUTE, List.of("python", "go"))).isEmpty();
        assertThat(queue().claim("w", MINUTE, List.of())).as("a node serving nothing takes only jobs for any node")
                .isEmpty();
        assertThat(queue().claim("w", MINUTE).map(Job::id)).as("the plain claim takes any job").contains("rust-job");
    }

    @Test
    default void aRecordedJobKeepsItsLanguage() {
        queue().record(new NewJob("r", "native", null, "{}", null, null, "c++"), "{}", null);
        assertThat(queue().find("r").map(Job::language)).contains("c++");
    }

    @Test
    default void concurrentWorkersNeverGetTheSameJob() throws Exception {
        for (int i = 0; i < 100; i++) {
            queue().enqueue(job("j" + i));
        }
        ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();
        List<Future<?>> workers = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int w = 0; w < 8; w++) {
                String worker = "w" + w;
                workers.add(pool.submit(() -> {
                    Optional<Job> j;
                    while ((j = queue().claim(worker, MINUTE)).isPresent()) {
                        claimed.add(j.get().id());
                    }
                }));
            }
        }
        for (Future<?> w : workers) {
            w.get();
        }
        assertThat(claimed).hasSize(100);
        assertThat(new HashSet<>(claimed)).hasSize(100);
    }

    @Test
    default void aCompletedJobIsDoneWithItsResultOnce() {
        queue().enqueue(job("a"));
        Job claimed = queue().claim("w", MINUTE).orElseThrow();
        clock().advance(Duration.ofSeconds(3));
        assertThat(queue().complete(claimed, "{\"ok\":true}", null)).isTrue();

        Job done = queue().find("a").orElseThrow();
        assertThat(done.status()).isEqualTo(JobStatus.DONE);
        assertThat(done.result()).isEqualTo("{\"ok\":true}");
        assertThat(done.error()).isNull();
        assertThat(done.finishedAt()).isEqualTo(clock().instant());
        assertThat(done.attempts()).isEqualTo(1);

        assertThat(queue().complete(claimed, "{\"again\":true}", "{}")).as("it already finished").isFalse();
        assertThat(queue().fail(claimed, "late", "{}")).as("it already finished").isFalse();
        assertThat(queue().find("a").orElseThrow().result()).isEqualTo("{\"ok\":true}");
        assertThat(deliveries()).as("a refused end schedules nothing").isEmpty();
    }

    @Test
    default void aFailedJobKeepsItsReasonAndNoResult() {
        queue().enqueue(job("f"));
        assertThat(queue().fail(queue().claim("w", MINUTE).orElseThrow(), "no such language", null)).isTrue();
        Job failed = queue().find("f").orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).isEqualTo("no such language");
        assertThat(failed.result()).isNull();
        assertThat(failed.finishedAt()).isNotNull();
    }

    @Test
    default void aJobsEndSchedulesItsCallbackDueAtOnce() {
        enqueueInOrder("done", "failed", "quiet");
        queue().enqueue(new NewJob("no-url", "native", null, "{}", null, null));
        Job done = queue().claim("w", MINUTE).orElseThrow();
        Job failed = queue().claim("w", MINUTE).orElseThrow();
        Job quiet = queue().claim("w", MINUTE).orElseThrow();
        Job noUrl = queue().claim("w", MINUTE).orElseThrow();
        Instant doneAt = clock().advance(Duration.ofSeconds(1));
        assertThat(queue().complete(done, "{}", "{\"body\":1}")).isTrue();
        assertThat(stores().callbacks().due(doneAt.minusMillis(1), 10)).as("due when the job ended").isEmpty();
        CallbackDelivery d = stores().callbacks().due(doneAt, 10).getFirst();
        assertThat(List.of(d.jobId(), d.kind(), d.url(), d.body(), d.attempts(), d.dueAt()))
                .containsExactly("done", "native", "http://localhost/cb", "{\"body\":1}", 0, doneAt);
        clock().advance(Duration.ofSeconds(1));
        assertThat(queue().fail(failed, "broke", "{\"body\":2}")).isTrue();
        assertThat(queue().complete(quiet, "{}", null)).isTrue();
        assertThat(queue().complete(noUrl, "{}", "{\"body\":4}")).isTrue();

        assertThat(deliveries()).containsExactly("done http://localhost/cb {\"body\":1}",
                "failed http://localhost/cb {\"body\":2}");
        assertThat(stores().callbacks().state("done")).contains("pending");
        assertThat(stores().callbacks().state("quiet")).as("no body, no delivery").isEmpty();
        assertThat(stores().callbacks().state("no-url")).as("no URL, no delivery").isEmpty();
    }

    @Test
    default void aRecordedJobIsDoneAtOnceWithItsCallbackDue() {
        queue().record(new NewJob("r", "judge0", "key-1", "{}", "http://localhost/cb", null), "{\"ran\":1}", "{\"b\":1}");
        Job r = queue().find("r").orElseThrow();
        assertThat(List.of(r.status(), r.kind(), r.result(), r.attempts()))
                .containsExactly(JobStatus.DONE, "judge0", "{\"ran\":1}", 1);
        assertThat(r.finishedAt()).isEqualTo(clock().instant());
        assertThat(queue().queued()).as("nothing left to run").isZero();
        assertThat(queue().claim("w", MINUTE)).isEmpty();
        assertThat(deliveries()).containsExactly("r http://localhost/cb {\"b\":1}");
    }

    @Test
    default void onlyAnEndedJobIsDeletedAndItsDeliveriesGoWithIt() {
        enqueueInOrder("ended", "waiting");
        Job ended = queue().claim("w", MINUTE).orElseThrow();
        assertThat(queue().delete("ended")).as("still running").isFalse();
        assertThat(queue().complete(ended, "{}", "{\"b\":1}")).isTrue();
        assertThat(queue().delete("waiting")).as("still queued").isFalse();
        assertThat(queue().delete("nope")).isFalse();

        assertThat(queue().delete("ended")).isTrue();
        assertThat(queue().find("ended")).isEmpty();
        assertThat(deliveries()).isEmpty();
        assertThat(queue().delete("ended")).as("already gone").isFalse();
        assertThat(queue().find("waiting")).isPresent();
    }

    @Test
    default void aLeaseRunsOutAfterItsDurationUnlessRenewed() {
        enqueueInOrder("kept", "lost");
        Job kept = queue().claim("alive", MINUTE).orElseThrow();
        queue().claim("dead", MINUTE).orElseThrow();

        clock().advance(Duration.ofSeconds(50));
        assertThat(queue().recover(false)).as("both leases still run").isZero();
        assertThat(queue().renew(kept, MINUTE)).isTrue();
        clock().advance(Duration.ofSeconds(20));
        assertThat(queue().recover(false)).as("only the lease not renewed ran out").isEqualTo(1);
        assertThat(queue().find("kept").orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(queue().find("lost").orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
        clock().advance(Duration.ofSeconds(45));
        assertThat(queue().recover(false)).as("the renewed lease ran out a minute after its renewal").isEqualTo(1);
        assertThat(queue().find("kept").orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
    }

    @Test
    default void recoveringEveryRunningJobRequeuesThemAndKeepsTheirAttemptsCounted() {
        enqueueInOrder("x", "y", "finished", "waiting");
        queue().claim("node", Duration.ofHours(1));
        queue().claim("node", Duration.ofHours(1));
        queue().complete(queue().claim("node", Duration.ofHours(1)).orElseThrow(), "{}", null);

        assertThat(queue().recover(true)).isEqualTo(2);
        assertThat(queue().queued()).isEqualTo(3);
        assertThat(queue().find("finished").orElseThrow().status()).as("an ended job stays ended").isEqualTo(JobStatus.DONE);
        Job again = queue().claim("next", MINUTE).orElseThrow();
        assertThat(again.id()).isEqualTo("x");
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(queue().recover(false)).as("nothing expired").isZero();
    }

    @Test
    default void aReleasedJobIsClaimedAgainAtOnceAndItsFormerClaimCanNeitherRenewNorEndIt() {
        enqueueInOrder("drained", "later");
        Job first = queue().claim("stopping", Duration.ofHours(1)).orElseThrow();

        assertThat(queue().release(first)).isTrue();
        assertThat(queue().release(first)).as("no longer that claim's").isFalse();
        assertThat(queue().find("drained").orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
        Job again = queue().claim("other", MINUTE).orElseThrow();
        assertThat(again.id()).as("first in line again, with no lease to wait for").isEqualTo("drained");
        assertThat(again.attempts()).as("the released attempt stays counted").isEqualTo(2);
        assertThat(queue().complete(first, "{\"late\":1}", null)).isFalse();
        assertThat(queue().renew(first, MINUTE)).isFalse();
        assertThat(queue().release(first)).isFalse();
        assertThat(queue().complete(again, "{\"ok\":1}", null)).isTrue();
        assertThat(queue().release(again)).as("an ended job is not released").isFalse();
        assertThat(queue().find("drained").orElseThrow().status()).isEqualTo(JobStatus.DONE);
    }

    @Test
    default void aClaimLostToRecoveryCanNeitherRenewNorEndTheJob() {
        queue().enqueue(job("c"));
        Job stale = queue().claim("slow", MINUTE).orElseThrow();
        clock().advance(Duration.ofMinutes(2));
        assertThat(queue().recover(false)).isEqualTo(1);
        assertThat(queue().complete(stale, "{\"late\":1}", "{\"late\":1}")).as("re-queued: not the stale worker's").isFalse();
        Job current = queue().claim("fast", MINUTE).orElseThrow();

        assertThat(queue().renew(stale, MINUTE)).isFalse();
        assertThat(queue().renew(current, MINUTE)).isTrue();
        assertThat(queue().fail(stale, "late", "{\"late\":2}")).isFalse();
        assertThat(queue().complete(current, "{\"ok\":1}", "{\"body\":1}")).isTrue();
        assertThat(queue().complete(stale, "{\"late\":3}", "{\"late\":3}")).isFalse();
        assertThat(queue().renew(current, MINUTE)).as("an ended job has no lease").isFalse();

        Job ended = queue().find("c").orElseThrow();
        assertThat(List.of(ended.status(), ended.result())).containsExactly(JobStatus.DONE, "{\"ok\":1}");
        assertThat(deliveries()).containsExactly("c http://localhost/cb {\"body\":1}");
    }

    @Test
    default void acceptedAndEndedJobsSurviveAReopening() throws Exception {
        enqueueInOrder("ended", "kept");
        queue().complete(queue().claim("w", MINUTE).orElseThrow(), "{\"r\":1}", "{\"b\":1}");
        reopen();
        assertThat(queue().find("kept").map(Job::status)).contains(JobStatus.QUEUED);
        assertThat(queue().find("ended").map(Job::result)).contains("{\"r\":1}");
        assertThat(deliveries()).containsExactly("ended http://localhost/cb {\"b\":1}");
    }

    @Test
    default void aRunningJobSurvivesAReopeningAndIsRecoveredAfterIt() throws Exception {
        queue().enqueue(job("r"));
        Job before = queue().claim("old-process", MINUTE).orElseThrow();
        reopen();
        assertThat(queue().find("r").map(Job::status)).contains(JobStatus.RUNNING);
        assertThat(queue().recover(true)).isEqualTo(1);
        assertThat(queue().complete(before, "{}", null)).isFalse();
        assertThat(queue().claim("new-process", MINUTE).map(Job::attempts)).contains(2);
    }
}
