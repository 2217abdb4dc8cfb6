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

    /** Records a use: bumps {@code last_used_at} and the month's counter; returns the new count. */
    long recordUse(String id, String month, Instant at);

    /** A named setting (such as the admin token's hash), if set. */
    Optional<String> setting(String name);

    /** Sets a setting unless it is already set; returns the value in force. */
    String settingIfAbsent(String name, String value);
}
