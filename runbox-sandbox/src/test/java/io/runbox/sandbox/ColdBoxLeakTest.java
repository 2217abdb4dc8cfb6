package io.runbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.BoxCommand;
import io.runbox.core.BoxResult;
import io.runbox.core.Limits;
import io.runbox.core.Sandbox;
import io.runbox.core.Workspace;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The {@link LeakSuite} on boxes as they are without reuse: a new box per run, and a box set up ahead per run.
 * Neither shares anything between runs, so every check holds. {@link ReusedBoxLeakTest} runs it on reused boxes.
 */
class ColdBoxLeakTest {
    /** A memory limit no other test's boxes have, so that the boxes set up ahead for this shape are this test's. */
    private static final Limits LIMITS = Limits.DEFAULTS.withWallTime(Duration.ofSeconds(20))
            .withMemoryBytes((300L << 20) + 4096L * (ProcessHandle.current().pid() % 997));
    private static final Duration GIVE_UP = Duration.ofSeconds(20);

    private static BubblewrapSandbox cold;
    private static BubblewrapSandbox warm;

    @BeforeAll
    static void create() throws Exception {
        SandboxConfig config = SandboxConfig.defaults(BubblewrapSandboxTest.launcher()).withReuseBoxes(false);
        cold = BubblewrapSandbox.create(config.withWarmBoxes(0));
        warm = BubblewrapSandbox.create(config);
    }

    @AfterAll
    static void close() {
        cold.close();
        warm.close();
    }

    @TestFactory
    Stream<DynamicTest> aNewBoxPerRun() {
        return new LeakSuite(cold, LeakSuite.shapeOf(LIMITS)).tests();
    }

    @TestFactory
    Stream<DynamicTest> aBoxSetUpAheadPerRun() throws Exception {
        try (Workspace ws = warm.newWorkspace()) {
            warm.run(ws, new BoxCommand(List.of("/bin/true"), SandboxContract.ENV, null, LIMITS));
        }
        return new LeakSuite(new SetUpAheadFirst(warm), LeakSuite.shapeOf(LIMITS)).tests();
    }

    /** Waits, before each run, until a box of the suite's shape waits set up ahead, so that the run takes it. */
    private record SetUpAheadFirst(Sandbox sandbox) implements Sandbox {
        @Override
        public Workspace newWorkspace() throws IOException {
            return sandbox.newWorkspace();
        }

        @Override
        public BoxResult run(Workspace workspace, BoxCommand command) throws IOException {
            try {
                assertThat(BoxClock.awaitIdleBox(command.limits().memoryBytes(), GIVE_UP))
                        .as("a box of the suite's shape waits, set up ahead").isTrue();
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return sandbox.run(workspace, command);
        }

        @Override
        public String describe() {
            return sandbox.describe();
        }
    }
}
