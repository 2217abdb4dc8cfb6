package io.runbox.sandbox;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Host uids for boxes, one per box alive at once, so that no two concurrent boxes share an owner: neither
 * can signal the other or read the other's files even if a namespace failed. Acquire blocks while all are
 * in use, which also bounds how many boxes run at once.
 */
final class UidPool {
    private final BlockingQueue<Integer> free;

    UidPool(int first, int count) {
        free = new ArrayBlockingQueue<>(count);
        for (int i = 0; i < count; i++) {
            free.add(first + i);
        }
    }

    int acquire() throws InterruptedException {
        return free.take();
    }

    void release(int uid) {
        free.add(uid);
    }
}
