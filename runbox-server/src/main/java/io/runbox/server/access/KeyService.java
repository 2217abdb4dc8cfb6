package io.runbox.server.access;

import io.runbox.core.access.ApiKey;
import io.runbox.core.access.KeyStore;
import io.runbox.core.access.KeyType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import io.runbox.core.Ids;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Creating, finding and revoking keys. A key is {@code rbx_<type>_<32 hex>}; only its SHA-256 is stored, and
 * a presented key is looked up by its hash and compared with {@link MessageDigest#isEqual} (constant time).
 */
public final class KeyService {
    private final KeyStore store;
    private final Plans plans;
    private final Clock clock;

    public KeyService(KeyStore store, Plans plans, Clock clock) {
        this.store = store;
        this.plans = plans;
        this.clock = clock;
    }

    /** A new key and its secret, which is shown once and never stored. */
    public record Created(ApiKey key, String secret) {
    }

    /**
     * Creates a key; without a {@code plan} it gets {@link Plans#defaultPlan()}.
     *
     * @throws IllegalArgumentException naming the problem: an unknown plan, a widget key without origins
     */
    public Created create(KeyType type, String plan, String name, String redirectUrl, List<String> origins) {
        return create(type, plan, name, redirectUrl, origins, null);
    }

    /**
     * Creates an api key on {@code plan} with a balance of {@code credits}, which its runs spend
     * ({@link CreditMeter}); the key and its balance are stored in one step.
     */
    public Created createWithCredits(String plan, String name, long credits) {
        return create(KeyType.API, plan, name, null, List.of(), credits);
    }

    /** Key {@code id}'s credit balance; empty when its runs are not metered. */
    public OptionalLong credits(String id) {
        return store.credits(id);
    }

    private Created create(KeyType type, String plan, String name, String redirectUrl, List<String> origins,
                           Long credits) {
        String planName = plan == null || plan.isBlank() ? plans.defaultPlan() : plan.trim();
        if (plans.find(planName).isEmpty()) {
            throw new IllegalArgumentException("unknown plan '" + planName + "'; plans: " + String.join(", ", plans.all().keySet()));
        }
        if (type == KeyType.WIDGET && (origins == null || origins.isEmpty())) {
            throw new IllegalArgumentException("a widget key needs at least one allowed origin (--origin https://example.com)");
        }
        String secret = "rbx_" + type.wire() + "_" + Ids.random(16);
        ApiKey key = new ApiKey("key_" + Ids.random(6), name, type, planName, hash(secret), secret.substring(0, 12) + "…",
                redirectUrl, origins, clock.instant(), null, null);
        if (credits == null) {
            store.create(key);
        } else {
            store.create(key, credits);
        }
        return new Created(key, secret);
    }

    /** The live or revoked key a secret names, if any. */
    public Optional<ApiKey> find(String secret) {
        String h = hash(secret);
        return store.findByHash(h).filter(k -> MessageDigest.isEqual(
                k.hash().getBytes(StandardCharsets.US_ASCII), h.getBytes(StandardCharsets.US_ASCII)));
    }

    public List<ApiKey> list() {
        return store.list();
    }

    public boolean revoke(String id) {
        return store.revoke(id, clock.instant());
    }

    public Plans plans() {
        return plans;
    }

    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
