package io.runbox.core.access;

import java.time.Duration;
import java.util.Optional;

/**
 * The concurrent-run slots of keys: a key holds at most its cap of them at once, counted over every node that
 * shares them. A slot is leased: the node that took it renews the leases of all its slots well within
 * {@code lease}; a slot whose lease ran out (its node died or lost the database) no longer counts and is forgotten.
 */
public interface RunSlots {

    /**
     * Takes a slot of key {@code keyId} for node {@code nodeId}, leased for {@code lease}, if the key holds fewer
     * than {@code cap} slots whose leases have not run out. Of any number of concurrent takers, on any node, exactly
     * those that fit succeed.
     *
     * @return the slot, or empty when the key already holds {@code cap}
     */
    Optional<RunSlot> tryTake(String keyId, int cap, String nodeId, Duration lease);

    /** Frees {@code slot}; freeing it again, or after its lease ran out, changes nothing. */
    void release(RunSlot slot);

    /**
     * Extends by {@code lease} from now the lease of every slot node {@code nodeId} holds, and forgets the slots of
     * any node whose lease has run out.
     *
     * @return how many slots node {@code nodeId} holds
     */
    int renew(String nodeId, Duration lease);
}
