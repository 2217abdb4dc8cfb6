package io.runbox.server.access;

import io.runbox.core.access.RunSlot;
import io.runbox.core.access.RunSlots;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Each key's synchronous executions running in this process, against its plan's cap: the {@link RunSlots} of a single
 * node. Its slots live as long as the process, so they need no lease and {@link #renew} has nothing to extend.
 */
final class ConcurrencyCaps implements RunSlots {
    /** The ids of each key's held slots; a set is replaced, never changed, so readers need no lock. */
    private final ConcurrentMap<String, Set<String>> running = new ConcurrentHashMap<>();

    @Override
    public Optional<RunSlot> tryTake(String keyId, int cap, String nodeId, Duration lease) {
        RunSlot slot = new RunSlot(UUID.randomUUID().toString(), keyId, nodeId);
        boolean[] taken = new boolean[1];
        running.compute(keyId, (k, held) -> {
            Set<String> h = held != null ? held : Set.of();
            if (h.size() >= cap) {
                return held;
            }
            taken[0] = true;
            return with(h, slot.id(), true);
        });
        return taken[0] ? Optional.of(slot) : Optional.empty();
    }

    @Override
    public void release(RunSlot slot) {
        running.computeIfPresent(slot.keyId(), (k, held) -> {
            Set<String> left = with(held, slot.id(), false);
            return left.isEmpty() ? null : left;
        });
    }

    /** How many slots this process holds; none of them expires. */
    @Override
    public int renew(String nodeId, Duration lease) {
        return running.values().stream().mapToInt(Set::size).sum();
    }

    private static Set<String> with(Set<String> held, String id, boolean add) {
        Set<String> next = new HashSet<>(held);
        if (add) {
            next.add(id);
        } else {
            next.remove(id);
        }
        return Set.copyOf(next);
    }
}
