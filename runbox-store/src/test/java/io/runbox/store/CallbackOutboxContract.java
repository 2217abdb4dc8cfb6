package io.runbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.jobs.CallbackDelivery;
import io.runbox.core.jobs.CallbackOutbox;
import io.runbox.core.jobs.JobQueue;
import io.runbox.core.jobs.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@link CallbackOutbox} as its Javadoc promises: what is due, tries, postponing, and the end of a delivery. */
interface CallbackOutboxContract extends StoreFixture {

    private CallbackOutbox outbox() {
        return stores().callbacks();
    }

    /** Runs and ends a job with a callback URL now, scheduling the delivery of {@code body}; returns its due time. */
    private Instant endWithCallback(String jobId, String body) {
        JobQueue q = stores().jobs();
        q.enqueue(new NewJob(jobId, "native", null, "{}", "http://receiver/" + jobId, null));
        assertThat(q.complete(q.claim("w", Duration.ofMinutes(1)).orElseThrow(), "{}", body)).isTrue();
        return clock().instant();
    }

    private CallbackDelivery theOnlyDue(Instant now) {
        List<CallbackDelivery> due = outbox().due(now, 10);
        assertThat(due).hasSize(1);
        return due.getFirst();
    }

    @Test
    default void deliveriesAreDueOldestFirstAtOrBeforeNowAndAtMostMax() {
        Instant first = endWithCallback("j1", "{\"n\":1}");
        clock().advance(Duration.ofSeconds(1));
        Instant second = endWithCallback("j2", "{\"n\":2}");
        clock().advance(Duration.ofSeconds(1));
        endWithCallback("j3", "{\"n\":3}");

        assertThat(outbox().due(first.minusMillis(1), 10)).isEmpty();
        assertThat(outbox().due(second, 10)).extracting(CallbackDelivery::jobId).containsExactly("j1", "j2");
        assertThat(outbox().due(clock().instant(), 2)).extracting(CallbackDelivery::jobId).containsExactly("j1", "j2");
        assertThat(outbox().due(clock().instant(), 10)).extracting(d -> d.url() + " " + d.body())
                .containsExactly("http://receiver/j1 {\"n\":1}", "http://receiver/j2 {\"n\":2}", "http://receiver/j3 {\"n\":3}");
        assertThat(outbox().state("j1")).contains("pending");
        assertThat(outbox().state("never-ran")).isEmpty();
    }

    @Test
    default void aFailedTryIsCountedAndDueAgainOnlyAtItsNextTime() {
        Instant now = endWithCallback("j", "{}");
        CallbackDelivery d = theOnlyDue(now);
        Instant next = now.plusSeconds(60);
        outbox().retryAt(d.id(), next, "HTTP 500");

        assertThat(outbox().due(next.minusMillis(1), 10)).isEmpty();
        CallbackDelivery again = theOnlyDue(next);
        assertThat(List.of(again.id(), again.attempts(), again.dueAt())).containsExactly(d.id(), 1, next);
        assertThat(outbox().state("j")).contains("pending");
        outbox().retryAt(d.id(), next.plusSeconds(60), "HTTP 502");
        assertThat(theOnlyDue(next.plusSeconds(60)).attempts()).isEqualTo(2);
    }

    @Test
    default void aDeliveredCallbackIsNeverDueAgain() {
        Instant now = endWithCallback("j", "{}");
        outbox().delivered(theOnlyDue(now).id());
        assertThat(outbox().due(now.plus(Duration.ofDays(365)), 10)).isEmpty();
        assertThat(outbox().state("j")).contains("delivered");
    }

    @Test
    default void aGivenUpCallbackIsNeverDueAgainAndStaysRecorded() {
        Instant now = endWithCallback("j", "{}");
        CallbackDelivery d = theOnlyDue(now);
        outbox().retryAt(d.id(), now.plusSeconds(1), "connection refused");
        outbox().giveUp(d.id(), "connection refused");
        assertThat(outbox().due(now.plus(Duration.ofDays(365)), 10)).isEmpty();
        assertThat(outbox().state("j")).contains("given_up");
    }

    @Test
    default void postponedDeliveriesAreDueLaterWithoutCountingATry() {
        endWithCallback("a", "{}");
        clock().advance(Duration.ofSeconds(1));
        endWithCallback("b", "{}");
        clock().advance(Duration.ofSeconds(1));
        Instant now = endWithCallback("c", "{}");
        List<CallbackDelivery> due = outbox().due(now, 10);
        assertThat(due).extracting(CallbackDelivery::jobId).containsExactly("a", "b", "c");
        Instant until = now.plusSeconds(30);
        outbox().postpone(List.of(due.get(0).id(), due.get(1).id()), until);

        assertThat(outbox().due(now, 10)).extracting(CallbackDelivery::jobId).containsExactly("c");
        assertThat(outbox().due(until, 10)).extracting(d -> d.jobId() + " " + d.attempts() + " " + d.dueAt())
                .containsExactlyInAnyOrder("a 0 " + until, "b 0 " + until, "c 0 " + now);
        outbox().postpone(List.of(), until.plusSeconds(30));
        assertThat(outbox().due(until, 10)).hasSize(3);
    }

    @Test
    default void aClaimTakesTheDueDeliveriesAndHidesThemUntilItsTime() {
        Instant first = endWithCallback("a", "{}");
        clock().advance(Duration.ofSeconds(1));
        endWithCallback("b", "{}");
        clock().advance(Duration.ofSeconds(1));
        Instant now = endWithCallback("c", "{}");
        Instant until = now.plusSeconds(30);

        List<CallbackDelivery> claimed = outbox().claim(now, 2, until);
        assertThat(claimed).extracting(CallbackDelivery::jobId).containsExactly("a", "b");
        assertThat(claimed.getFirst().dueAt()).as("as it was due").isEqualTo(first);
        assertThat(claimed.getFirst().attempts()).as("a claim is not a try").isZero();
        assertThat(outbox().claim(now, 10, until)).extracting(CallbackDelivery::jobId).containsExactly("c");
        assertThat(outbox().claim(now, 10, until)).as("all taken").isEmpty();
        assertThat(outbox().due(until.minusMillis(1), 10)).isEmpty();
        assertThat(outbox().claim(until, 10, until.plusSeconds(30))).as("their try never reported")
                .extracting(CallbackDelivery::jobId).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    default void aDeliveryKeepsItsOwnKeyOnEveryTry() {
        Instant now = endWithCallback("a", "{}");
        endWithCallback("b", "{}");
        List<CallbackDelivery> due = outbox().due(now, 10);
        assertThat(due).extracting(CallbackDelivery::deliveryKey).doesNotContainNull()
                .allMatch(k -> k.matches("[0-9a-f]{32}")).doesNotHaveDuplicates();
        CallbackDelivery a = due.getFirst();
        outbox().retryAt(a.id(), now.plusSeconds(5), "HTTP 503");
        assertThat(outbox().claim(now.plusSeconds(5), 10, now.plusSeconds(60)))
                .filteredOn(d -> d.id() == a.id()).extracting(CallbackDelivery::deliveryKey)
                .containsExactly(a.deliveryKey());
    }

    @Test
    default void concurrentClaimsNeverGetTheSameDelivery() throws Exception {
        for (int i = 0; i < 60; i++) {
            endWithCallback("j" + i, "{}");
        }
        Instant now = clock().instant();
        ConcurrentLinkedQueue<Long> claimed = new ConcurrentLinkedQueue<>();
        List<Future<?>> senders = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(6)) {
            for (int w = 0; w < 6; w++) {
                senders.add(pool.submit(() -> {
                    List<CallbackDelivery> got;
                    while (!(got = outbox().claim(now, 3, now.plusSeconds(60))).isEmpty()) {
                        got.forEach(d -> claimed.add(d.id()));
                    }
                }));
            }
        }
        for (Future<?> s : senders) {
            s.get();
        }
        assertThat(claimed).hasSize(60).doesNotHaveDuplicates();
    }

    @Test
    default void postponingAFinishedDeliveryDoesNotReviveIt() {
        Instant now = endWithCallback("j", "{}");
        long id = theOnlyDue(now).id();
        outbox().delivered(id);
        outbox().postpone(List.of(id), now.plusSeconds(10));
        assertThat(outbox().due(now.plusSeconds(10), 10)).isEmpty();
        assertThat(outbox().state("j")).contains("delivered");
    }

    @Test
    default void pendingDeliveriesAndTheirTriesSurviveAReopening() throws Exception {
        Instant now = endWithCallback("j", "{\"kept\":true}");
        outbox().retryAt(theOnlyDue(now).id(), now.plusSeconds(5), "timeout");
        reopen();
        CallbackDelivery d = theOnlyDue(now.plusSeconds(5));
        assertThat(List.of(d.jobId(), d.body(), d.attempts())).containsExactly("j", "{\"kept\":true}", 1);
    }
}
