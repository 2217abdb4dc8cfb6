package io.runbox.execution.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.BoxCommand;
import io.runbox.core.BoxResult;
import io.runbox.core.Sandbox;
import io.runbox.core.Workspace;
import io.runbox.execution.ExecutionConfig;
import io.runbox.execution.TestRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sessions on the real sandbox and catalogue: idle ones are reaped, even after one failed to close. */
class SessionManagerTest {
    private final SpoilingSandbox sandbox = new SpoilingSandbox(TestRunner.sandbox());
    private final SessionManager manager = new SessionManager(TestRunner.runner().catalogue(), sandbox,
            ExecutionConfig.defaults(TestRunner.home()), Duration.ofSeconds(1), 5, 10);

    @AfterEach
    void cleanUp() {
        manager.close();
    }

    @Test
    void aSessionThatFailsToCloseIsCountedAndLaterIdleSessionsAreStillReaped() throws Exception {
        sandbox.spoilNext = true;
        Session failing = manager.create("owner", "python");
        assertThat(failing.execute("print(1)", Duration.ofSeconds(10)).stdout()).isEqualTo("1\n");
        awaitTrue("the failing session is reaped", () -> manager.find(failing.id(), "owner").isEmpty());
        awaitTrue("its failure is counted", () -> manager.reapFailures() == 1);

        Session later = manager.create("owner", "python");
        Path workspace = later.workspace();
        assertThat(later.execute("print(2)", Duration.ofSeconds(10)).stdout()).isEqualTo("2\n");
        awaitTrue("a later idle session is reaped", () -> manager.find(later.id(), "owner").isEmpty());
        awaitTrue("with its files", () -> !Files.exists(workspace));
        assertThat(manager.reapFailures()).isEqualTo(1);
        assertThat(manager.live()).isZero();
    }

    @Test
    void concurrentCreatesNeverPassThePerOwnerOrTheTotalCap() throws Exception {
        try (SessionManager capped = new SessionManager(TestRunner.runner().catalogue(), TestRunner.sandbox(),
                ExecutionConfig.defaults(TestRunner.home()), Duration.ofMinutes(10), 3, 5)) {
            assertThat(createTogether(capped, 10, i -> "one")).as("sessions of one owner").isEqualTo(3);
            assertThat(capped.live()).isEqualTo(3);
            assertThat(createTogether(capped, 10, i -> "owner" + i)).as("sessions of other owners").isEqualTo(2);
            assertThat(capped.live()).isEqualTo(5);
        }
    }

    /** Starts {@code n} creates at once; how many succeeded (the others must be refused for a cap). */
    private static int createTogether(SessionManager m, int n, java.util.function.IntFunction<String> owner)
            throws Exception {
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Boolean>> all = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                String o = owner.apply(i);
                all.add(pool.submit(() -> {
                    go.await();
                    try {
                        m.create(o, "python");
                        return true;
                    } catch (SessionManager.LimitReachedException e) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int created = 0;
            for (java.util.concurrent.Future<Boolean> f : all) {
                created += f.get() ? 1 : 0;
            }
            return created;
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + what + " within 20 s");
            }
            Thread.sleep(100);
        }
    }

    /**
     * The real sandbox, except that closing a workspace made while {@link #spoilNext} is set throws after it
     * closed (a fault injected where a session's close can fail), so the reaper meets a failing session.
     */
    static final class SpoilingSandbox implements Sandbox {
        private final Sandbox real;
        volatile boolean spoilNext;

        SpoilingSandbox(Sandbox real) {
            this.real = real;
        }

        /** A workspace whose close fails after closing the real one. */
        record Spoiled(Workspace real) implements Workspace {
            @Override
            public Path dir() {
                return real.dir();
            }

            @Override
            public void close() {
                real.close();
                throw new IllegalStateException("injected: closing this workspace fails");
            }
        }

        @Override
        public synchronized Workspace newWorkspace() throws IOException {
            Workspace w = real.newWorkspace();
            if (spoilNext) {
                spoilNext = false;
                return new Spoiled(w);
            }
            return w;
        }

        @Override
        public BoxResult run(Workspace workspace, BoxCommand command) throws IOException {
            return real.run(workspace instanceof Spoiled s ? s.real() : workspace, command);
        }

        @Override
        public String describe() {
            return real.describe();
        }
    }
}
