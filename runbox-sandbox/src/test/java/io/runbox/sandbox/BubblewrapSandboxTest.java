package io.runbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runbox.core.BoxCommand;
import io.runbox.core.BoxIo;
import io.runbox.core.BoxResult;
import io.runbox.core.Limits;
import io.runbox.core.Sandbox;
import io.runbox.core.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox contract on bubblewrap with reused boxes off (boxes set up ahead: most runs here take a warm box),
 * on whichever cgroup version this host has. {@link ReusedBoxSandboxTest} runs the contract with them on.
 */
class BubblewrapSandboxTest extends SandboxContract {
    private static BubblewrapSandbox sandbox;

    static Path launcher() {
        return Path.of(System.getProperty("runbox.home", "..")).resolve("runbox-sandbox/target/runbox-boxlaunch");
    }

    @BeforeAll
    static void create() throws Exception {
        sandbox = BubblewrapSandbox.create(SandboxConfig.defaults(launcher()).withReuseBoxes(false));
    }

    @Override
    Sandbox sandbox() {
        return sandbox;
    }

    /** A memory limit no other test's boxes have, so that this test's shape and its boxes are its own. */
    private static long ownMemory(int test) {
        return (180L << 20) + 4096L * ((ProcessHandle.current().pid() * 11 + test) % 997);
    }

    /** Runs once in the shape of {@code own}, then waits until a box of that shape is set up ahead and idle. */
    private void warmUp(Limits own) throws Exception {
        sh("true", own, null);
        assertThat(BoxClock.awaitIdleBox(own.memoryBytes(), GIVE_UP)).as("a box of this shape waits, set up ahead")
                .isTrue();
    }

    private static final Duration GIVE_UP = Duration.ofSeconds(20);

    @Test
    void aSecondRunOfOneShapeTakesABoxSetUpAhead() throws Exception {
        Limits own = limits().withMemoryBytes(ownMemory(1));
        warmUp(own);
        // Let the idle box wait a while: the run's wall time must not count it.
        long waitedFrom = BoxClock.now();
        BoxClock.passTick(waitedFrom + 200);
        long requested = BoxClock.now();
        BoxResult r = sh(BoxClock.BOX_INIT_TICK, own, null);
        long boxInit = Long.parseLong(out(r).strip());
        assertThat(boxInit).as("tick the box's init started; the request came at tick %d", requested)
                .isLessThanOrEqualTo(waitedFrom);
        assertThat(r.wallMs()).as("the run's wall time starts with its command, not with its box, which had waited"
                + " %d ticks", requested - boxInit).isLessThan((requested - boxInit) * 10);
    }

    @Test
    void aStreamedRunTakesABoxSetUpAheadAndStreams() throws Exception {
        Limits own = limits().withMemoryBytes(ownMemory(2));
        warmUp(own);
        long requested = BoxClock.now();
        BoxClock.passTick(requested);
        java.io.ByteArrayOutputStream streamed = new java.io.ByteArrayOutputStream();
        BoxIo io = new BoxIo() {
            @Override
            public synchronized void stdout(byte[] chunk) {
                streamed.writeBytes(chunk);
            }

            @Override
            public void stderr(byte[] chunk) {
            }
        };
        try (Workspace ws = sandbox.newWorkspace()) {
            BoxResult r = sandbox.run(ws, new BoxCommand(List.of("/bin/sh", "-c", BoxClock.BOX_INIT_TICK), ENV, null,
                    own, List.of(), io));
            assertThat(Long.parseLong(out(r).strip())).as("tick the box's init started; the request came at tick %d",
                    requested).isLessThanOrEqualTo(requested);
            assertThat(streamed.toString()).isEqualTo(out(r));
        }
    }

    @Test
    void aRunWhoseCallerUsesTheWorkspaceMeanwhileSeesTheWorkspaceItself() throws Exception {
        Limits own = limits().withMemoryBytes(ownMemory(3));
        warmUp(own);
        BoxIo io = new BoxIo() {
            @Override
            public void stdout(byte[] chunk) {
            }

            @Override
            public void stderr(byte[] chunk) {
            }

            @Override
            public boolean usesWorkspaceWhileRunning() {
                return true;
            }
        };
        try (Workspace ws = sandbox.newWorkspace()) {
            // The caller writes once the program has started, as a session's upload would.
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    while (!java.nio.file.Files.exists(ws.dir().resolve("started"))) {
                        Thread.sleep(20);
                    }
                    java.nio.file.Files.writeString(ws.dir().resolve("late.txt"), "uploaded meanwhile");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            BoxResult r = sandbox.run(ws, new BoxCommand(List.of("/bin/sh", "-c",
                    "touch started; for i in $(seq 200); do [ -f late.txt ] && break; sleep 0.1; done; cat late.txt"),
                    ENV, null, own,
                    List.of(), io));
            writer.join();
            assertThat(out(r)).isEqualTo("uploaded meanwhile");
        }
    }

    /**
     * A box sees the {@code /etc} entries its own paths name (a language's {@code sandbox_paths}) and no other
     * shape's, whether it was started for its command or set up ahead: each set of entries has its own snapshot.
     */
    @Test
    void aShapeSeesItsOwnEtcEntriesAndNoOtherShapes() throws Exception {
        Path mine = Path.of("/etc/debian_version");
        Path theirs = Path.of("/etc/os-release");
        Assumptions.assumeTrue(Files.isRegularFile(mine) && Files.exists(theirs), "a Debian host");
        String look = "cat /etc/debian_version 2>/dev/null || echo no-debian_version; "
                + "head -c 5 /etc/os-release 2>/dev/null || echo no-os-release; echo; " + BoxClock.BOX_INIT_TICK;
        // Three shapes of their own (the paths differ, and so do the memory limits, by which their boxes are found).
        Limits forMine = limits().withMemoryBytes(ownMemory(5));
        Limits forTheirs = limits().withMemoryBytes(ownMemory(6));
        Limits forNone = limits().withMemoryBytes(ownMemory(7));
        for (int round = 0; round < 2; round++) {
            if (round == 1) {
                // The second round's boxes were set up ahead, after the first round's ran.
                for (Limits shape : List.of(forMine, forTheirs, forNone)) {
                    assertThat(BoxClock.awaitIdleBox(shape.memoryBytes(), GIVE_UP)).as("a box set up ahead").isTrue();
                }
            }
            long requested = BoxClock.now();
            BoxClock.passTick(requested);
            String a = out(inBox(look, forMine, List.of(mine.toString())));
            String b = out(inBox(look, forTheirs, List.of(theirs.toString())));
            String none = out(inBox(look, forNone, List.of()));
            assertThat(a).as("round %d", round).startsWith(Files.readString(mine) + "no-os-release\n");
            assertThat(b).as("round %d", round).startsWith("no-debian_version\n" + Files.readString(theirs).substring(0, 5));
            assertThat(none).as("round %d", round).startsWith("no-debian_version\nno-os-release\n");
            if (round == 1) {
                for (String out : List.of(a, b, none)) {
                    assertThat(Long.parseLong(out.lines().toList().getLast().strip()))
                            .as("tick the box's init started; the request came at tick %d", requested)
                            .isLessThanOrEqualTo(requested);
                }
            }
        }
    }

    private static BoxResult inBox(String script, Limits limits, List<String> paths) throws Exception {
        try (Workspace ws = sandbox.newWorkspace()) {
            return sandbox.run(ws, new BoxCommand(List.of("/bin/sh", "-c", script), ENV, null, limits, paths));
        }
    }

    /** The box's own passwd, group, hostname and hosts cannot be replaced by a host entry. */
    @Test
    void aShapeCannotReplaceTheBoxsOwnEtcFiles() throws Exception {
        assertThatThrownBy(() -> inBox("true", limits(), List.of("/etc/passwd")))
                .hasMessageContaining("/etc/passwd");
        assertThat(out(inBox("grep -c runner /etc/passwd", limits(), List.of()))).isEqualTo("1\n");
    }

    @Test
    void runsBackToBackTakeBoxesStillStartingAndAllRun() throws Exception {
        // Each run takes the box warmed up during the one before, often while its launcher is still starting.
        Limits own = limits().withWallTime(Duration.ofMillis(3_001));
        for (int i = 0; i < 300; i++) {
            BoxResult r = sh("echo ran", own, null);
            assertThat(r.timedOut()).as("run %d: a warm box never started its command", i).isFalse();
            assertThat(out(r)).isEqualTo("ran\n");
        }
    }

    @Test
    void aBurstOfRunsLeavesNoBoxOpenButTheIdleOnes() throws Exception {
        Limits own = limits().withWallTime(Duration.ofMillis(9_873));
        List<Thread> burst = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < 6; i++) {
            burst.add(Thread.ofPlatform().start(() -> {
                try {
                    if (out(sh("sleep 0.2; echo ran", own, null)).equals("ran\n")) {
                        ran.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread t : burst) {
            t.join();
        }
        assertThat(ran.get()).isEqualTo(6);
        // Boxes still warming up after the burst settle as idle ones; a box left open never does.
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (sandbox.openBoxes() != sandbox.warmBoxesIdle() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sandbox.openBoxes()).as("boxes open once every run ended (warming counts on it)")
                .isEqualTo(sandbox.warmBoxesIdle());
    }

    @Test
    void closingKillsTheBoxesSetUpAhead() throws Exception {
        long memory = (200L << 20) + 4096 * (System.nanoTime() % 1000);
        Limits own = limits().withMemoryBytes(memory);
        BubblewrapSandbox other = BubblewrapSandbox.create(SandboxConfig.defaults(launcher()).withReuseBoxes(false));
        try (Workspace ws = other.newWorkspace()) {
            other.run(ws, new BoxCommand(List.of("/bin/true"), ENV, null, own));
        }
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (other.warmBoxesIdle() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(other.warmBoxesIdle()).isEqualTo(1);
        assertThat(BoxCgroupFiles.withMemoryLimit(memory)).as("the warm box's cgroup").hasSize(1);
        other.close();
        assertThat(other.warmBoxesIdle()).isZero();
        assertThat(BoxCgroupFiles.withMemoryLimit(memory)).as("cgroups left after close").isEmpty();
    }

    @Test
    void describesItsBackendAndCgroupVersion() {
        assertThat(sandbox.describe()).startsWith("bubblewrap").containsPattern("cgroup v[12]");
    }

    @Test
    void refusesToStartWithoutBubblewrapNamingWhatIsMissing() {
        SandboxConfig broken = new SandboxConfig(Path.of("/nonexistent/bwrap"), launcher(), Path.of("/var/lib/runbox"),
                Path.of("/sys/fs/cgroup"), "runbox", 61000, 64, SandboxConfig.SYSTEM_PATHS, 0, false, false);
        assertThatThrownBy(() -> BubblewrapSandbox.create(broken))
                .isInstanceOf(SandboxUnavailableException.class)
                .hasMessageContaining("bubblewrap is not installed");
    }

    @Test
    void refusesToStartWithoutCgroups() {
        SandboxConfig broken = new SandboxConfig(Path.of("/usr/bin/bwrap"), launcher(), Path.of("/var/lib/runbox"),
                Path.of("/nonexistent-cgroupfs"), "runbox", 61000, 64, SandboxConfig.SYSTEM_PATHS, 0, false, false);
        assertThatThrownBy(() -> BubblewrapSandbox.create(broken))
                .isInstanceOf(SandboxUnavailableException.class)
                .hasMessageContaining("cgroups unusable");
    }
}
