package io.runbox.server;

import java.time.Duration;

/** Waits for an outcome: the bound is only where a test gives up, never what it asserts. */
final class Await {
    private Await() {
    }

    /** A condition that may throw while it is checked. */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    /** Whether {@code condition} held before {@code giveUpAfter} passed; checked every 50 ms, and once more at the end. */
    static boolean until(Duration giveUpAfter, Condition condition) throws Exception {
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.holds()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.holds();
    }
}
