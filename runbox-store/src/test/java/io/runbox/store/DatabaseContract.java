package io.runbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.jobs.NewJob;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link Database} as its Javadoc promises: it answers pings, wakes idle workers when a job is queued, and offers
 * keys' shared limits exactly when it is shared.
 */
interface DatabaseContract extends StoreFixture {

    @Test
    default void anOpenDatabaseAnswersAPingAndSaysWhichItIs() {
        stores().ping();
        assertThat(stores().describe()).matches("(SQLite|PostgreSQL) .+");
    }

    @Test
    default void aSharedDatabaseOffersKeysLimitsAndAnOwnOneLeavesThemToItsNode() {
        assertThat(stores().runSlots().isPresent()).isEqualTo(stores().shared());
        assertThat(stores().rateBuckets().isPresent()).isEqualTo(stores().shared());
    }

    @Test
    default void everyWakeRunsAfterAJobIsQueued() throws Exception {
        Semaphore first = new Semaphore(0);
        Semaphore second = new Semaphore(0);
        stores().onJobQueued(() -> seeTheJob(first));
        stores().onJobQueued(() -> seeTheJob(second));
        stores().jobs().enqueue(new NewJob("j", "native", null, "{}", null, null));
        assertThat(first.tryAcquire(30, TimeUnit.SECONDS)).as("the first wake ran").isTrue();
        assertThat(second.tryAcquire(30, TimeUnit.SECONDS)).as("the second wake ran").isTrue();
    }

    /** Counts a wake that came once the job was there (a backend may also wake when it starts listening). */
    private void seeTheJob(Semaphore woken) {
        if (stores().jobs().find("j").isPresent()) {
            woken.release();
        }
    }

    @Test
    default void aWakeMayTakeTheQueuedJob() throws Exception {
        Semaphore claimed = new Semaphore(0);
        stores().onJobQueued(() -> stores().jobs().claim("woken", JobQueueContract.MINUTE)
                .ifPresent(j -> claimed.release()));
        stores().jobs().enqueue(new NewJob("j", "native", null, "{}", null, null));
        assertThat(claimed.tryAcquire(30, TimeUnit.SECONDS)).as("the wake claimed the job").isTrue();
        assertThat(stores().jobs().queued()).isZero();
    }
}
