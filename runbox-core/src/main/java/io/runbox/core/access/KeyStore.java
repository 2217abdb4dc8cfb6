package io.runbox.core.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Keys, their monthly usage and their credit balances. Shared by the server and the command line, so a key created
 * or revoked by either takes effect in the other at once.
 */
public interface KeyStore {

    void create(ApiKey key);

    /**
     * Creates {@code key} with a balance of {@code credits}, in one step: no reader ever sees the key without its
     * balance (which would be a key whose runs are not metered). This is the only way a balance is made: a key
     * created without one never gets one, so callers may remember that a key is not metered.
     */
    void create(ApiKey key, long credits);

    /** Key {@code id}'s credit balance; empty when it has none (its runs are not metered) or there is no such key. */
    OptionalLong credits(String id);

    /**
     * Takes {@code credits} from key {@code id}'s balance in one atomic step, and only when the balance holds that
     * many: of any number of concurrent spends on one balance, exactly those that fit succeed.
     */
    CreditSpend spendCredits(String id, long credits);

    /**
     * Gives back {@code credits} taken by {@link #spendCredits} for a run that did not happen (a request refused
     * after it was admitted); nothing for a key without a balance.
     */
    void refundCredits(String id, long credits);

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
