package io.runbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.jobs.CallbackDelivery;
import io.runbox.core.jobs.Job;
import io.runbox.core.jobs.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes on one PostgreSQL, each with its own pool ({@link Database}) and four workers, take jobs and callback
 * deliveries at once: each is taken exactly once, none is left, and a job queued on one node wakes the other.
 */
class PostgresClaimRaceTest {
    private static final int ITEMS = 300;
    private static final int WORKERS_PER_NODE = 4;
    @RegisterExtension
    static final SharedPostgres POSTGRES = new SharedPostgres();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T06:00:00Z"));
    private Database node1;
    private Database node2;

    @BeforeEach
    void openTwoNodes() throws Exception {
        List<Database> nodes = POSTGRES.nodes(2, clock);
        node1 = nodes.get(0);
        node2 = nodes.get(1);
    }

    @Test
    void everyJobIsClaimedByExactlyOneWorkerOfEitherNode() throws Exception {
        for (int i = 0; i < ITEMS; i++) {
            node1.jobs().enqueue(new NewJob("j" + i, "native", null, "{}", null, null));
        }
        ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();
        List<Integer> perNode = race(node -> () -> {
            int mine = 0;
            Optional<Job> j;
            while ((j = node.jobs().claim("w", Duration.ofMinutes(1))).isPresent()) {
                claimed.add(j.get().id());
                mine++;
            }
            return mine;
        });
        assertThat(claimed).hasSize(ITEMS).doesNotHaveDuplicates();
        assertThat(perNode.stream().mapToInt(Integer::intValue).sum()).isEqualTo(ITEMS);
        assertThat(node1.jobs().queued()).isZero();
        assertThat(node2.jobs().queued()).isZero();
    }

    @Test
    void everyDeliveryIsClaimedByExactlyOneSenderOfEitherNode() throws Exception {
        for (int i = 0; i < ITEMS; i++) {
            node1.jobs().record(new NewJob("j" + i, "native", null, "{}", "http://receiver/" + i, null), "{}", "{}");
        }
        Instant now = clock.instant();
        ConcurrentLinkedQueue<Long> claimed = new ConcurrentLinkedQueue<>();
        race(node -> () -> {
            int mine = 0;
            List<CallbackDelivery> got;
            while (!(got = node.callbacks().claim(now, 5, now.plusSeconds(60))).isEmpty()) {
                got.forEach(d -> claimed.add(d.id()));
                mine += got.size();
            }
            return mine;
        });
        assertThat(claimed).hasSize(ITEMS).doesNotHaveDuplicates();
        assertThat(node2.callbacks().due(now, ITEMS)).as("all postponed").isEmpty();
        assertThat(node2.callbacks().due(now.plusSeconds(60), ITEMS + 1)).as("none lost").hasSize(ITEMS);
    }

    @Test
    void aJobQueuedOnOneNodeWakesTheOther() throws Exception {
        Semaphore woken = new Semaphore(0);
        node2.onJobQueued(() -> node2.jobs().claim("idle", Duration.ofMinutes(1)).ifPresent(j -> woken.release()));
        node1.jobs().enqueue(new NewJob("j", "native", null, "{}", null, null));
        assertThat(woken.tryAcquire(60, TimeUnit.SECONDS)).as("node 2 woke and took node 1's job").isTrue();
    }

    /** Runs {@link #WORKERS_PER_NODE} workers per node, all starting together; returns what each counted. */
    private List<Integer> race(Function<Database, Callable<Integer>> worker) throws Exception {
        return SharedPostgres.race(List.of(node1, node2), WORKERS_PER_NODE, worker);
    }
}
