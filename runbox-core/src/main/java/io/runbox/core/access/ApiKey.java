package io.runbox.core.access;

import java.time.Instant;
import java.util.List;

/**
 * A stored key. The secret itself is never stored: {@code hash} is its SHA-256, {@code hint} its first
 * characters for people to recognise it by.
 *
 * @param redirectUrl where asynchronous results of this key go when a request names none
 * @param origins     for widget keys, the page origins allowed to use it
 */
public record ApiKey(
        String id,
        String name,
        KeyType type,
        String plan,
        String hash,
        String hint,
        String redirectUrl,
        List<String> origins,
        Instant createdAt,
        Instant lastUsedAt,
        Instant revokedAt) {

    public ApiKey {
        origins = origins == null ? List.of() : List.copyOf(origins);
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
