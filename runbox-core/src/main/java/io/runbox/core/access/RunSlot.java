package io.runbox.core.access;

/**
 * One of a key's concurrent-run slots, held from {@link RunSlots#tryTake} until {@link RunSlots#release}.
 *
 * @param id     unique per taking: the holder
 * @param keyId  the key whose cap it counts against
 * @param nodeId the node that took it, which renews its lease
 */
public record RunSlot(String id, String keyId, String nodeId) {
}
