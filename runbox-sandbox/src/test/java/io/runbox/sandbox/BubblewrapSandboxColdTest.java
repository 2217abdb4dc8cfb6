package io.runbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runbox.core.BoxCommand;
import io.runbox.core.BoxResult;
import io.runbox.core.Sandbox;
import io.runbox.core.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox contract with no box set up ahead: every run starts its own box over its workspace. */
class BubblewrapSandboxColdTest extends SandboxContract {
    private static BubblewrapSandbox sandbox;

    @BeforeAll
    static void create() throws Exception {
        sandbox = BubblewrapSandbox.create(SandboxConfig.defaults(BubblewrapSandboxTest.launcher()).withWarmBoxes(0)
                .withReuseBoxes(false));
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
        // A box set up ahead after that run would start before the next request; give it the time to.
        long requested = BoxClock.now() + 100;
        BoxClock.passTick(requested);
        BoxResult r = sh(BoxClock.BOX_INIT_TICK);
        assertThat(Long.parseLong(out(r).strip())).as("tick the box's init started; the request came at tick %d",
                requested).isGreaterThanOrEqualTo(requested);
        assertThat(sandbox.warmBoxesIdle()).isZero();
    }

    /**
     * A program file still open for writing when the box starts (a copy the host just made, a process the host
     * forked meanwhile holding the writer's descriptor) is busy for a moment (ETXTBSY): the exec waits it out.
     */
    @Test
    void anExecutableStillOpenForWritingForAMomentRunsOnceItIsClosed() throws Exception {
        try (Workspace ws = sandbox.newWorkspace()) {
            try (io.runbox.sandbox.fs.BoxTree tree = io.runbox.sandbox.fs.BoxTree.open(ws.dir())) {
                tree.writeFile("prog", "#!/bin/sh\necho ran\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0755);
            }
            java.nio.channels.FileChannel held = java.nio.channels.FileChannel.open(ws.dir().resolve("prog"),
                    java.nio.file.StandardOpenOption.WRITE);
            Thread closer = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(300);
                    held.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            BoxResult r = sandbox.run(ws, new BoxCommand(List.of("./prog"), ENV, null, limits()));
            closer.join();
            assertThat(out(r)).as(new String(r.stderr(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("ran\n");
        }
    }

    /** The box's own failures still fail the run, named from the box's status channel. */
    @Test
    void aCommandThatCannotBeExecutedIsAFailureOfTheBox() throws Exception {
        try (Workspace ws = sandbox.newWorkspace()) {
            assertThatThrownBy(() -> sandbox.run(ws, new BoxCommand(List.of("/nonexistent/program"), ENV, null, limits())))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("runbox-boxexec: cannot exec /nonexistent/program");
        }
    }

    @Test
    void aLauncherThatCannotStartBubblewrapIsAFailureOfTheBox() throws Exception {
        Path dir = Files.createTempDirectory("runbox-bwrap");
        Path bwrap = dir.resolve("bwrap");
        Files.copy(Path.of("/usr/bin/bwrap"), bwrap);
        SandboxConfig config = new SandboxConfig(bwrap, BubblewrapSandboxTest.launcher(), Path.of("/var/lib/runbox"),
                Path.of("/sys/fs/cgroup"), "runbox", 61000, 64, SandboxConfig.SYSTEM_PATHS, 0, false, false);
        BubblewrapSandbox broken = BubblewrapSandbox.create(config);
        Files.delete(bwrap);
        Files.delete(dir);
        try (Workspace ws = broken.newWorkspace()) {
            assertThatThrownBy(() -> broken.run(ws, new BoxCommand(List.of("/bin/true"), ENV, null, limits())))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("runbox-boxlaunch: cannot exec " + bwrap);
        } finally {
            broken.close();
        }
    }
}
