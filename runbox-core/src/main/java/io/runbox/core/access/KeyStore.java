package io.runbox.core.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keys and their monthly usage. Shared by the server and the command line, so a key created or revoked by
 * either takes effect in the other at once.
 */
public interface KeyStore {

    void create(ApiKey key);

    Optional<ApiKey> findByHash(String hash);

    Optional<ApiKey> find(String id);

    List<ApiKey> list();

    /** Marks a key revoked; false when there is no such key. */
    boolean revoke(String id, Instant at);

    /** The calls counted for key {@code id} in {@code month} ({@code 2026-11}); 0 when none. */
    long uses(String id, String month);

    /**
     * Records {@code calls} uses of key {@code id} in one write: adds them to the month's counter and moves
     * {@code last_used_at} to {@code lastUsedAt} (never back); returns the month's new count.
     */
    long recordUses(String id, String month, long calls, Instant lastUsedAt);

    /** A named setting (such as the admin token's hash), if set. */
    Optional<String> setting(String name);

    /** Sets a setting unless it is already set; returns the value in force. */
    String settingIfAbsent(String name, String value);
}
