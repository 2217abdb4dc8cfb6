package io.runbox.server.access;

import io.runbox.core.access.RunSlot;
import io.runbox.core.access.RunSlots;
import java.time.Duration;
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
    /** The ids of each key's held slots; a key's set is changed only inside the map's compute for that key. */
    private final ConcurrentMap<String, Set<String>> running = new ConcurrentHashMap<>();

    @Override
    public Optional<RunSlot> tryTake(String keyId, int cap, String nodeId, Duration lease) {
        RunSlot slot = new RunSlot(UUID.randomUUID().toString(), keyId, nodeId);
        boolean[] taken = new boolean[1];
        running.compute(keyId, (k, held) -> {
            Set<String> h = held != null ? held : ConcurrentHashMap.newKeySet();
            taken[0] = h.size() < cap && h.add(slot.id());
            return h.isEmpty() ? null : h;
        });
        return taken[0] ? Optional.of(slot) : Optional.empty();
    }

    @Override
    public void release(RunSlot slot) {
        running.computeIfPresent(slot.keyId(), (k, held) -> held.remove(slot.id()) && held.isEmpty() ? null : held);
    }

    /** How many slots this process holds; none of them expires. */
    @Override
    public int renew(String nodeId, Duration lease) {
        return running.values().stream().mapToInt(Set::size).sum();
    }
}
