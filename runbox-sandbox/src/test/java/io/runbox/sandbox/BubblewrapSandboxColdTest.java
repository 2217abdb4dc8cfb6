package io.runbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.BoxResult;
import io.runbox.core.Sandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox contract with no box set up ahead: every run starts its own box over its workspace. */
class BubblewrapSandboxColdTest extends SandboxContract {
    private static BubblewrapSandbox sandbox;

    @BeforeAll
    static void create() throws Exception {
        sandbox = BubblewrapSandbox.create(SandboxConfig.defaults(BubblewrapSandboxTest.launcher()).withWarmBoxes(0));
    }

    @AfterAll
    static void close() {
        sandbox.close();
    }

    @Override
    Sandbox sandbox() {
        return sandbox;
    }

    @Test
    void everyRunStartsItsOwnBox() throws Exception {
        sh("true");
        Thread.sleep(600);
        BoxResult r = sh(BOX_AGE_TICKS);
        assertThat(Long.parseLong(out(r).strip())).as("clock ticks between the box's init and the program").isLessThan(30);
        assertThat(sandbox.warmBoxesIdle()).isZero();
    }
}
