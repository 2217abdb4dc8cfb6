package io.runbox.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.Limits;
import io.runbox.core.SourceFile;
import io.runbox.core.StageLimits;
import io.runbox.core.Status;
import io.runbox.sandbox.BubblewrapSandbox;
import io.runbox.sandbox.SandboxConfig;
import io.runbox.sandbox.fs.Tmpfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The host-side section of the hostile corpus ({@code tests/hostile/host-side/}): what the host does with what a
 * run leaves behind. Each program runs through the real engine; the test then checks the host: workspaces gone
 * whatever they held, start-up never blocked, links never followed, budgets per workspace, compile output bounded.
 */
class HostSideHostileTest {
    private static final Path CORPUS = TestRunner.home().resolve("tests/hostile/host-side");
    private static final Path BOXES = SandboxConfig.defaults(Path.of("unused")).stateDir().resolve("boxes");

    private static ExecResult run(String file, Limits run, Limits compile, List<String> options) throws Exception {
        Path p = CORPUS.resolve(file);
        String ext = file.substring(file.lastIndexOf('.') + 1);
        String language = ext.equals("py") ? "python" : "c";
        String source = ext.equals("py") ? "main.py" : "main.c";
        return TestRunner.runner().execute(new ExecRequest(language, null,
                List.of(SourceFile.of(source, Files.readString(p))), null, null, options, new StageLimits(compile, run)));
    }

    private static Limits limits(int wallSeconds, long memoryMiB) {
        return Limits.UNSET.withWallTime(Duration.ofSeconds(wallSeconds)).withMemoryBytes(memoryMiB << 20);
    }

    /** No workspace under the boxes directory still holds {@code name} at its top. */
    private static void assertNoWorkspaceHolds(String name) throws IOException {
        try (Stream<Path> dirs = Files.list(BOXES)) {
            assertThat(dirs.filter(d -> Files.exists(d.resolve(name), LinkOption.NOFOLLOW_LINKS)).toList())
                    .as("workspaces still holding %s", name).isEmpty();
        }
    }

    @Test
    void aTreeDeeperThanPathMaxIsDiscardedWithItsWorkspace() throws Exception {
        long t0 = System.nanoTime();
        ExecResult r = run("deep_tree.py", limits(30, 256), Limits.UNSET, null);
        System.out.printf("deep tree (3,000 levels, 32 MiB at the bottom): run and cleanup in %d ms%n",
                (System.nanoTime() - t0) / 1_000_000);
        assertThat(r.run().status()).as(r.run().stderr()).isEqualTo(Status.OK);
        assertThat(r.run().stdout()).isEqualTo("built\n");
        assertNoWorkspaceHolds("d");
    }

    @Test
    void aDeadRunboxsDeepWorkspacesNeverStopTheNextStart() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long deadPid = gone.pid();
        Path mounted = Files.createDirectory(BOXES.resolve("box-" + deadPid + "-" + UUID.randomUUID()));
        Tmpfs.mount(mounted, 64L << 20, 10_000);
        Path legacy = Files.createDirectory(BOXES.resolve("box-" + deadPid + "-" + UUID.randomUUID()));
        try {
            for (Path d : List.of(mounted, legacy)) {
                Process p = new ProcessBuilder("/usr/bin/python3", "-c",
                        "import os\nfor _ in range(2000): os.mkdir('d'); os.chdir('d')\n").directory(d.toFile()).start();
                assertThat(p.waitFor()).isZero();
            }
            SandboxConfig config = SandboxConfig.defaults(TestRunner.home().resolve("runbox-sandbox/target/runbox-boxlaunch"))
                    .withWarmBoxes(0);
            try (BubblewrapSandbox again = BubblewrapSandbox.create(config)) {
                assertThat(again.describe()).isNotBlank();
            }
            assertThat(mounted).as("a dead process's workspace, unmounted at start-up").doesNotExist();
            assertThat(legacy).as("a tree it cannot unmount is logged and left, never fatal").exists();
        } finally {
            new ProcessBuilder("rm", "-rf", legacy.toString()).start().waitFor();
            if (Files.exists(mounted)) {
                Tmpfs.discard(mounted);
            }
        }
    }

    @Test
    void anInodeFloodStopsAtItsOwnWorkspacesBudgetAndHindersNoOtherRun() throws Exception {
        CompletableFuture<ExecResult> flood = CompletableFuture.supplyAsync(() -> {
            try {
                return run("inode_flood.py", limits(120, 1024), Limits.UNSET, null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ExecResult other = TestRunner.runner().execute(new ExecRequest("python", null, List.of(SourceFile.of("main.py",
                "import os\nos.mkdir('mine')\nfor i in range(2000): open('mine/%d' % i, 'w').close()\nprint(len(os.listdir('mine')))\n")),
                null, null, null, new StageLimits(Limits.UNSET, limits(60, 256))));
        assertThat(other.run().stdout()).as(other.run().stderr()).isEqualTo("2000\n");
        ExecResult r = flood.get();
        System.out.printf("inode flood: %s", r.run().stdout());
        assertThat(r.run().stdout()).as(r.run().stderr()).startsWith("stopped ").endsWith(" ENOSPC\n");
        long made = Long.parseLong(r.run().stdout().split(" ")[1]);
        assertThat(made).isBetween(100_000L, 131_072L);
        assertNoWorkspaceHolds("flood");
    }

    @Test
    void aHundredThousandFileWorkspaceCostsOneUnmount() throws Exception {
        long t0 = System.nanoTime();
        ExecResult r = run("many_files.py", limits(120, 1024), Limits.UNSET, null);
        System.out.printf("100,000 files: run, then cleanup, in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(r.run().stdout()).as(r.run().stderr()).isEqualTo("made 100000\n");
        assertNoWorkspaceHolds("many");
    }

    @Test
    void linksACompileLeftAreNeverFollowedByTheHost() throws Exception {
        // Of this process alone: another test run on the host (a second checkout) removes its own when it ends.
        Path canaryDir = Files.createDirectories(
                Path.of("/var/lib/runbox-hostile-canary-" + ProcessHandle.current().pid()));
        Path canary = canaryDir.resolve("secret");
        Files.writeString(canary, "canary-" + UUID.randomUUID());
        Files.setPosixFilePermissions(canary, PosixFilePermissions.fromString("rw-------"));
        try {
            String plant = "ln -sfn /etc/shadow /box/shadow; ln -sfn " + canary + " /box/canary; ln -sfn / /box/root;"
                    + " exec \"$0\" \"$@\"";
            ExecResult r = run("links_out.c", limits(10, 128), Limits.UNSET, List.of("-wrapper", "/bin/sh,-c," + plant));
            assertThat(r.compile().status()).as(r.compile().stderr()).isEqualTo(Status.OK);
            String out = r.run().stdout();
            assertThat(out).contains("/box/shadow:").contains("/box/canary:").doesNotContain("root:")
                    .doesNotContain(Files.readString(canary));
            assertThat(out).contains("hardlink /etc/passwd: ").doesNotContain("hardlink /etc/passwd: made");
            assertThat(out).contains("hardlink into /tmp: Invalid cross-device link");
            assertThat(Files.getAttribute(canary, "unix:uid", LinkOption.NOFOLLOW_LINKS))
                    .as("the canary's owner after the host handed the workspace to the run").isEqualTo(0);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(canary))).isEqualTo("rw-------");
        } finally {
            Files.deleteIfExists(canary);
            Files.deleteIfExists(canaryDir);
        }
    }

    @Test
    void sparseCompileOutputStaysSparseAndDenseOutputIsChargedToTheRun() throws Exception {
        String sparse = "for i in 1 2 3 4 5 6 7 8; do truncate -s 63M /box/sparse$i; done; exec \"$0\" \"$@\"";
        ExecResult r = run("sparse_compile.c", limits(10, 64), Limits.UNSET, List.of("-wrapper", "/bin/sh,-c," + sparse));
        assertThat(r.run().status()).as(r.compile().stderr() + r.run().stderr()).isEqualTo(Status.OK);
        String[] f = r.run().stdout().trim().split(" ");
        assertThat(Long.parseLong(f[1])).as("bytes of sparse files").isEqualTo(8L * (63 << 20));
        assertThat(Long.parseLong(f[3])).as("bytes they hold").isLessThan(1 << 20);

        String dense = "head -c 80000000 /dev/urandom > /box/dense; exec \"$0\" \"$@\"";
        ExecResult d = run("sparse_compile.c", limits(10, 64), limits(30, 256), List.of("-wrapper", "/bin/sh,-c," + dense));
        assertThat(d.compile().status()).isEqualTo(Status.COMPILE_ERROR);
        assertThat(d.compile().stderr()).contains("runbox: the compile left").contains("the run's memory limit");
        assertThat(d.run()).isNull();
    }

    @Test
    void aCompileLeavingTensOfThousandsOfFilesIsRefusedQuickly() throws Exception {
        String flood = "mkdir -p /box/m && cd /box/m && seq 1 20000 | xargs touch; cd /box; exec \"$0\" \"$@\"";
        long t0 = System.nanoTime();
        ExecResult r = run("sparse_compile.c", limits(10, 128), limits(60, 512), List.of("-wrapper", "/bin/sh,-c," + flood));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("a compile leaving 20,000 files: refused in %d ms (compile included)%n", ms);
        assertThat(r.compile().status()).as(r.compile().stderr()).isEqualTo(Status.COMPILE_ERROR);
        assertThat(r.compile().stderr()).contains("files and directories; at most " + 16_384);
    }

}
