package io.runbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.access.ApiKey;
import io.runbox.core.access.CreditSpend;
import io.runbox.core.access.KeyStore;
import io.runbox.core.access.KeyType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@link KeyStore} as its Javadoc promises: keys by id and by hash, revocation, monthly usage, settings, credit
 * balances.
 */
interface KeyStoreContract extends StoreFixture {
    String MONTH = "2026-11";

    private KeyStore keys() {
        return stores().keys();
    }

    private ApiKey key(String id, KeyType type, String plan) {
        return new ApiKey(id, "key " + id, type, plan, "sha256-of-" + id, "rbx_" + id.substring(0, 2), null,
                type == KeyType.WIDGET ? List.of("https://a.example", "http://b.example:8080") : List.of(),
                clock().instant(), null, null);
    }

    @Test
    default void aCreatedKeyIsFoundByIdAndByHashAsCreated() {
        ApiKey api = key("k1", KeyType.API, "free");
        ApiKey widget = new ApiKey("k2", null, KeyType.WIDGET, "pro", "sha256-of-k2", "rbx_k2", "https://results.example/cb",
                List.of("https://a.example", "http://b.example:8080"), clock().instant(), null, null);
        keys().create(api);
        keys().create(widget);

        assertThat(keys().find("k1")).contains(api);
        assertThat(keys().findByHash("sha256-of-k1")).contains(api);
        assertThat(keys().find("k2")).contains(widget);
        assertThat(keys().findByHash("sha256-of-k2")).contains(widget);
        assertThat(keys().find("k3")).isEmpty();
        assertThat(keys().findByHash("sha256-of-k3")).isEmpty();
        assertThat(keys().findByHash("k1")).as("a key is found by its hash, not its id").isEmpty();
    }

    @Test
    default void everyKeyIsListedWhateverItsState() {
        keys().create(key("k1", KeyType.API, "free"));
        clock().advance(Duration.ofSeconds(1));
        keys().create(key("k2", KeyType.WIDGET, "pro"));
        keys().revoke("k1", clock().instant());
        assertThat(keys().list()).extracting(k -> k.id() + " " + k.type().wire() + " " + k.plan() + " " + k.revoked())
                .containsExactlyInAnyOrder("k1 api free true", "k2 widget pro false");
    }

    @Test
    default void aRevokedKeyIsStillFoundAndSaysWhenItWasRevoked() {
        keys().create(key("k1", KeyType.API, "free"));
        keys().create(key("k2", KeyType.API, "free"));
        Instant at = clock().advance(Duration.ofMinutes(5));
        assertThat(keys().revoke("k1", at)).isTrue();

        ApiKey revoked = keys().findByHash("sha256-of-k1").orElseThrow();
        assertThat(revoked.revoked()).isTrue();
        assertThat(revoked.revokedAt()).isEqualTo(at);
        assertThat(keys().find("k2").orElseThrow().revoked()).as("only the key named").isFalse();
        assertThat(keys().revoke("k1", at.plusSeconds(1))).as("it exists").isTrue();
        assertThat(keys().find("k1").orElseThrow().revoked()).isTrue();
        assertThat(keys().revoke("none", at)).as("no such key").isFalse();
        assertThat(keys().find("none")).isEmpty();
    }

    @Test
    default void usesAreCountedPerKeyAndMonth() {
        keys().create(key("k1", KeyType.API, "free"));
        keys().create(key("k2", KeyType.API, "free"));
        assertThat(keys().uses("k1", MONTH)).isZero();

        assertThat(keys().recordUses("k1", MONTH, 3, clock().instant())).isEqualTo(3);
        assertThat(keys().recordUses("k1", MONTH, 4, clock().instant())).isEqualTo(7);
        assertThat(keys().recordUses("k1", "2026-12", 1, clock().instant())).as("a new month starts at 0").isEqualTo(1);
        assertThat(keys().recordUses("k2", MONTH, 2, clock().instant())).isEqualTo(2);

        assertThat(keys().uses("k1", MONTH)).isEqualTo(7);
        assertThat(keys().uses("k1", "2026-12")).isEqualTo(1);
        assertThat(keys().uses("k1", "2026-10")).isZero();
        assertThat(keys().uses("k2", MONTH)).isEqualTo(2);
    }

    @Test
    default void theLastUseMovesForwardNeverBack() {
        keys().create(key("k1", KeyType.API, "free"));
        assertThat(keys().find("k1").orElseThrow().lastUsedAt()).isNull();
        Instant later = clock().instant().plusSeconds(60);
        keys().recordUses("k1", MONTH, 1, later);
        assertThat(keys().find("k1").orElseThrow().lastUsedAt()).isEqualTo(later);
        keys().recordUses("k1", MONTH, 1, later.minusSeconds(30));
        assertThat(keys().find("k1").orElseThrow().lastUsedAt()).as("a batch written late").isEqualTo(later);
        keys().recordUses("k1", MONTH, 1, later.plusSeconds(30));
        assertThat(keys().find("k1").orElseThrow().lastUsedAt()).isEqualTo(later.plusSeconds(30));
    }

    @Test
    default void concurrentRecordsLoseNoUse() throws Exception {
        keys().create(key("k1", KeyType.API, "free"));
        List<Future<?>> writers = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int w = 0; w < 8; w++) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        keys().recordUses("k1", MONTH, 2, clock().instant());
                    }
                }));
            }
        }
        for (Future<?> w : writers) {
            w.get();
        }
        assertThat(keys().uses("k1", MONTH)).isEqualTo(8 * 25 * 2);
    }

    @Test
    default void aSettingIsSetOnceAndThenKept() {
        assertThat(keys().setting("admin_token_hash")).isEmpty();
        assertThat(keys().settingIfAbsent("admin_token_hash", "first")).isEqualTo("first");
        assertThat(keys().settingIfAbsent("admin_token_hash", "second")).as("the value in force").isEqualTo("first");
        assertThat(keys().setting("admin_token_hash")).contains("first");
        assertThat(keys().setting("other")).isEmpty();
    }

    @Test
    default void keysUsesAndSettingsSurviveAReopening() throws Exception {
        ApiKey k = key("k1", KeyType.WIDGET, "pro");
        keys().create(k);
        keys().recordUses("k1", MONTH, 5, clock().instant());
        keys().settingIfAbsent("admin_token_hash", "h");
        reopen();
        assertThat(keys().findByHash("sha256-of-k1").map(ApiKey::origins)).contains(k.origins());
        assertThat(keys().uses("k1", MONTH)).isEqualTo(5);
        assertThat(keys().setting("admin_token_hash")).contains("h");
    }

    @Test
    default void aKeyCreatedWithCreditsHasThatBalanceAndAPlainKeyNone() {
        keys().create(key("k1", KeyType.API, "free"), 50);
        keys().create(key("k2", KeyType.API, "free"));
        assertThat(keys().find("k1")).as("found like any key").isPresent();
        assertThat(keys().credits("k1")).isEqualTo(OptionalLong.of(50));
        assertThat(keys().credits("k2")).as("not metered").isEmpty();
        assertThat(keys().credits("none")).isEmpty();
    }

    @Test
    default void creditsAreTakenOnlyWhenTheyFit() {
        keys().create(key("k1", KeyType.API, "free"), 5);
        keys().create(key("k2", KeyType.API, "free"));
        assertThat(keys().spendCredits("k1", 2)).isEqualTo(new CreditSpend.Spent(3));
        assertThat(keys().spendCredits("k1", 4)).as("more than is left").isEqualTo(new CreditSpend.TooFew(3));
        assertThat(keys().credits("k1")).as("nothing taken").isEqualTo(OptionalLong.of(3));
        assertThat(keys().spendCredits("k1", 3)).isEqualTo(new CreditSpend.Spent(0));
        assertThat(keys().spendCredits("k1", 1)).isEqualTo(new CreditSpend.TooFew(0));
        assertThat(keys().spendCredits("k2", 1)).isEqualTo(new CreditSpend.Unmetered());
        assertThat(keys().credits("k2")).isEmpty();
    }

    @Test
    default void aRefundGivesCreditsBackToAMeteredKeyOnly() {
        keys().create(key("k1", KeyType.API, "free"), 1);
        keys().create(key("k2", KeyType.API, "free"));
        assertThat(keys().spendCredits("k1", 1)).isEqualTo(new CreditSpend.Spent(0));
        keys().refundCredits("k1", 1);
        assertThat(keys().credits("k1")).isEqualTo(OptionalLong.of(1));
        keys().refundCredits("k2", 1);
        assertThat(keys().credits("k2")).as("still not metered").isEmpty();
    }

    /** Forty spends of one credit at once on a balance of ten: exactly ten succeed, the balance ends at zero. */
    @Test
    default void concurrentSpendsNeverOverdraw() throws Exception {
        keys().create(key("k1", KeyType.API, "free"), 10);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<CreditSpend>> spends = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 40; i++) {
                spends.add(pool.submit(() -> {
                    go.await();
                    return keys().spendCredits("k1", 1);
                }));
            }
            go.countDown();
        }
        long spent = 0;
        for (Future<CreditSpend> f : spends) {
            spent += f.get() instanceof CreditSpend.Spent ? 1 : 0;
        }
        assertThat(spent).isEqualTo(10);
        assertThat(keys().credits("k1")).isEqualTo(OptionalLong.of(0));
    }

    @Test
    default void aBalanceSurvivesAReopening() throws Exception {
        keys().create(key("k1", KeyType.API, "free"), 7);
        keys().spendCredits("k1", 3);
        reopen();
        assertThat(keys().credits("k1")).isEqualTo(OptionalLong.of(4));
    }
}
