package io.runbox.server.access;

import io.runbox.core.access.ApiKey;
import io.runbox.core.access.CreditSpend;
import io.runbox.core.access.KeyStore;
import io.runbox.server.http.ApiException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spends a metered key's credits for each run it starts; keys without a balance (every key but self-service ones)
 * pass untouched. The balance lives in the store and is taken atomically there, so two runs racing for the last
 * credit never both run, on one node or several. A key found without a balance is remembered, so a run of an
 * unmetered key costs the store nothing after its key's first.
 */
final class CreditMeter {
    /** At most this many unmetered keys are remembered; past it the set starts again (at worst, more store reads). */
    static final int MAX_REMEMBERED = 100_000;
    private final KeyStore store;
    private final long perRun;
    /**
     * Keys the store said have no balance. A balance is only ever made with its key ({@link KeyStore#create(ApiKey,
     * long)}), so such a key stays unmetered and its runs need no store write at all.
     */
    private final Set<String> unmetered = ConcurrentHashMap.newKeySet();

    /** @param perRun credits one run takes ({@code access.self_service.credits_per_run}) */
    CreditMeter(KeyStore store, long perRun) {
        this.store = store;
        this.perRun = perRun;
    }

    /**
     * Takes one run's credits from {@code key}'s balance.
     *
     * @return whether credits were taken (false: the key is not metered)
     * @throws ApiException 402 {@code credits_exhausted} when the balance holds less than a run costs (nothing is
     *                      taken then)
     */
    boolean spendRun(ApiKey key) {
        if (unmetered.contains(key.id())) {
            return false;
        }
        CreditSpend spend = store.spendCredits(key.id(), perRun);
        if (spend instanceof CreditSpend.Unmetered) {
            if (unmetered.size() >= MAX_REMEMBERED) {
                unmetered.clear();
            }
            unmetered.add(key.id());
        }
        if (spend instanceof CreditSpend.TooFew(long balance)) {
            throw new ApiException(402, "credits_exhausted", "the key " + key.id() + " has used up its credits: "
                    + balance + " left, a run costs " + perRun + "; it is refused until the operator adds credits"
                    + " or you use another key", null, null);
        }
        return spend instanceof CreditSpend.Spent;
    }

    /** Gives back what {@link #spendRun} took for a run that was refused before it ran. */
    void refundRun(ApiKey key) {
        store.refundCredits(key.id(), perRun);
    }
}
