package io.runbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.jobs.Permlink;
import io.runbox.core.jobs.PermlinkStore;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link PermlinkStore} as its Javadoc promises: saved runs read back as saved, durably, and never changed. */
interface PermlinkStoreContract extends StoreFixture {

    private PermlinkStore permlinks() {
        return stores().permlinks();
    }

    private Permlink saved(String id, String code) {
        return new Permlink(id, "python", "python-3.11", code, "in\nput", "", "a\nb",
                "{\"stdout\":\"1\\n\",\"text\":\"ü€\"}", clock().instant());
    }

    @Test
    default void aSavedRunReadsBackAsSaved() {
        Permlink p = saved("abc123", "print(1)");
        permlinks().save(p);
        assertThat(permlinks().find("abc123")).contains(p);
        assertThat(permlinks().find("nope")).isEmpty();
    }

    @Test
    default void aSavedRunSurvivesAReopening() throws Exception {
        Permlink p = saved("kept", "print('kept')");
        permlinks().save(p);
        reopen();
        assertThat(permlinks().find("kept")).contains(p);
    }

    @Test
    default void aPermlinkIsNeverChangedBySavingItsIdAgain() {
        Permlink first = saved("same", "print('first')");
        permlinks().save(first);
        try {
            permlinks().save(saved("same", "print('second')"));
        } catch (RuntimeException refused) {
            // A backend may refuse the second save; it must not replace the first.
        }
        assertThat(permlinks().find("same")).contains(first);
    }
}
