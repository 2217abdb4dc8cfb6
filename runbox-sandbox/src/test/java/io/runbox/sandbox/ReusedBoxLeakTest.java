package io.runbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.BoxCommand;
import io.runbox.core.BoxResult;
import io.runbox.core.Limits;
import io.runbox.core.Sandbox;
import io.runbox.core.Workspace;
import java.io.IOException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The {@link LeakSuite} on reused boxes (the default): every run of the suite after the first is served by a box
 * that served the run before it, so run B of each leak runs in the very box run A ran in, and still sees nothing
 * of it. Each check fails when the per-run namespaces, mounts or cgroup it relies on are dropped
 * ({@link LeakSuiteSelfTest} shows the checks see the leaks inside one box).
 */
class ReusedBoxLeakTest {
    /** A memory limit no other test's boxes have, so that the reused boxes of this shape are this test's. */
    private static final Limits LIMITS = Limits.DEFAULTS.withWallTime(Duration.ofSeconds(20))
            .withMemoryBytes((310L << 20) + 4096L * (ProcessHandle.current().pid() % 997));

    private static BubblewrapSandbox reused;

    @BeforeAll
    static void create() throws Exception {
        reused = BubblewrapSandbox.create(SandboxConfig.defaults(BubblewrapSandboxTest.launcher()));
    }

    @AfterAll
    static void close() {
        reused.close();
    }

    @TestFactory
    Stream<DynamicTest> oneReusedBoxForEveryRun() {
        return new LeakSuite(new AlwaysReused(reused), LeakSuite.shapeOf(LIMITS)).tests();
    }

    /** Asserts that every run but the very first was served by a box that had served a run before. */
    private static final class AlwaysReused implements Sandbox {
        private final BubblewrapSandbox sandbox;
        private boolean first = true;

        AlwaysReused(BubblewrapSandbox sandbox) {
            this.sandbox = sandbox;
        }

        @Override
        public Workspace newWorkspace() throws IOException {
            return sandbox.newWorkspace();
        }

        @Override
        public synchronized BoxResult run(Workspace workspace, BoxCommand command) throws IOException {
            long before = sandbox.reusedRuns();
            BoxResult result = sandbox.run(workspace, command);
            if (!first) {
                assertThat(sandbox.reusedRuns() - before).as("the run was served by the box of the run before")
                        .isEqualTo(1);
            }
            first = false;
            return result;
        }

        @Override
        public String describe() {
            return sandbox.describe();
        }
    }
}
