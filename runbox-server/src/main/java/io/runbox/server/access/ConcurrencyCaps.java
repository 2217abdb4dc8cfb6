package io.runbox.server.access;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/** How many synchronous executions each key has running, against its plan's cap. */
final class ConcurrencyCaps {
    private final ConcurrentMap<String, Semaphore> running = new ConcurrentHashMap<>();

    /** A held slot, or {@code null} when the key already runs {@code cap} at once. */
    Runnable tryEnter(String keyId, int cap) {
        Semaphore s = running.computeIfAbsent(keyId + "/" + cap, k -> new Semaphore(cap));
        return s.tryAcquire() ? s::release : null;
    }
}
