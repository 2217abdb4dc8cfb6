package io.runbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.BoxCommand;
import io.runbox.core.BoxResult;
import io.runbox.core.Limits;
import io.runbox.core.Workspace;
import io.runbox.execution.RequestRunner;
import io.runbox.sandbox.BubblewrapSandbox;
import io.runbox.sandbox.SandboxConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bench-load}'s pool line finds the boxes a real sandbox keeps idle, reused boxes included: an idle reused box
 * has two cgroups (its init's, and its next run's, set up ahead), charged with memory; a served run's own cgroup is
 * gone once the run returned.
 */
class IdleBoxMemoryTest {
    private static final String PREFIX = "box-" + ProcessHandle.current().pid() + "-";

    @Test
    void eachIdleReusedBoxIsCountedOnceWithTheMemoryItHolds() throws Exception {
        IdleBoxMemory.Snapshot before = IdleBoxMemory.of(PREFIX);
        BubblewrapSandbox sandbox = BubblewrapSandbox.create(SandboxConfig.defaults(launcher()).withReuseBoxes(true));
        try (Workspace ws = sandbox.newWorkspace()) {
            for (int i = 0; i < 3; i++) {
                BoxResult r = sandbox.run(ws, new BoxCommand(List.of("/bin/true"), RequestRunner.BASE_ENV, null,
                        Limits.DEFAULTS.withWallTime(Duration.ofSeconds(10))));
                assertThat(r.exitCode()).isZero();
            }
            assertThat(sandbox.reusedRuns()).as("runs in a box that served before").isEqualTo(2);
            assertThat(sandbox.warmBoxesIdle()).isEqualTo(1);
            // The next run is set up ahead off the run's thread, right after it.
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (sandbox.prestartedWaiting() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(sandbox.prestartedWaiting()).as("the idle box holds its next run").isEqualTo(1);

            IdleBoxMemory.Snapshot idle = IdleBoxMemory.of(PREFIX);
            assertThat(idle.boxes() - before.boxes()).as("cgroups of the idle box and its next run").isEqualTo(2);
            assertThat(idle.bytes() - before.bytes()).as("memory charged to the idle box").isPositive();
        } finally {
            sandbox.close();
        }
        assertThat(IdleBoxMemory.of(PREFIX).boxes()).as("after the sandbox closed").isEqualTo(before.boxes());
    }

    /** The launcher the reactor built, as the sandbox's own tests find it. */
    private static Path launcher() {
        return Path.of(System.getProperty("runbox.home", "..")).resolve("runbox-sandbox/target/runbox-boxlaunch");
    }
}
