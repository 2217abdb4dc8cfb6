package io.runbox.sandbox.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safe file layer against what a hostile program leaves in a workspace: links where files or directories
 * are expected, FIFOs, odd names, deep trees, floods of files, sparse files, and a name swapped under the
 * reader. The workspace is a real tmpfs; the hostile entries are made as a box would make them.
 */
class BoxTreeTest {
    private static final String HOST_SECRET = "host-secret-" + System.nanoTime();
    private static final Duration PROMPT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;
    Path ws;
    Path hostFile;

    @BeforeEach
    void mountWorkspace() throws IOException {
        ws = Files.createDirectory(tmp.resolve("ws"));
        Tmpfs.mount(ws, 512L << 20, 200_000);
        hostFile = Files.writeString(tmp.resolve("secret"), HOST_SECRET);
    }

    @AfterEach
    void discard() throws IOException {
        Tmpfs.discard(ws);
    }

    private void sh(String script) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", script).directory(ws.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("setup script output: %s", out).isZero();
    }

    private static String read(BoxTree t, String name) throws IOException {
        try (BoxTree.FileRead f = t.openFile(name, 1 << 20)) {
            return new String(f.content().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aRegularFileIsReadThroughItsDescriptor() throws Exception {
        sh("mkdir -p out/deep && printf hello > out/deep/result.txt");
        try (BoxTree t = BoxTree.open(ws)) {
            assertThat(read(t, "out/deep/result.txt")).isEqualTo("hello");
        }
    }

    @Test
    void aLinkNamedLikeAnExpectedFileIsRefused() throws Exception {
        sh("ln -s " + hostFile + " result.txt");
        try (BoxTree t = BoxTree.open(ws)) {
            assertThatThrownBy(() -> read(t, "result.txt")).isInstanceOf(NoSuchFileException.class);
        }
    }

    @Test
    void aLinkOnTheWayIsRefused() throws Exception {
        // A name no host has: the write through the link must not make it.
        String escape = "runbox-boxtree-escape-" + System.nanoTime();
        sh("ln -s / d; ln -s " + tmp + " t");
        try (BoxTree t = BoxTree.open(ws)) {
            assertThatThrownBy(() -> read(t, "d/etc/hostname")).isInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> read(t, "t/secret")).isInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> t.list("d", 10)).isInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> t.writeFile("d/tmp/" + escape, new byte[1], 0644)).isInstanceOf(IOException.class);
        }
        assertThat(Path.of("/tmp", escape)).doesNotExist();
    }

    @Test
    void aDirectoryWhereAFileIsExpectedIsRefused() throws Exception {
        sh("mkdir result.txt");
        try (BoxTree t = BoxTree.open(ws)) {
            assertThatThrownBy(() -> read(t, "result.txt")).isInstanceOf(NoSuchFileException.class);
        }
    }

    @Test
    void aFifoIsRefusedPromptlyAndNeverWaitsForAWriter() throws Exception {
        sh("mkfifo result.txt");
        assertTimeoutPreemptively(PROMPT, () -> {
            try (BoxTree t = BoxTree.open(ws)) {
                assertThatThrownBy(() -> read(t, "result.txt")).isInstanceOf(NoSuchFileException.class);
                assertThat(t.list("", 10)).extracting(BoxTree.Entry::kind).containsExactly(BoxTree.Kind.OTHER);
            }
        });
    }

    @Test
    void aFifoIsNeverOpenedForIoSoAWriterWaitingOnItStaysWaiting() throws Exception {
        sh("mkfifo out");
        // A writer's open of a FIFO returns only once a reader opens it: if the host ever opened it, "released" appears.
        Process writer = new ProcessBuilder("/bin/sh", "-c", "echo x > out; echo released > marker")
                .directory(ws.toFile()).start();
        try (BoxTree t = BoxTree.open(ws)) {
            for (int i = 0; i < 20; i++) {
                assertThatThrownBy(() -> read(t, "out")).isInstanceOf(NoSuchFileException.class);
            }
            Thread.sleep(500);
            assertThat(ws.resolve("marker")).as("the writer got a reader").doesNotExist();
        } finally {
            writer.destroyForcibly().waitFor();
        }
    }

    @Test
    void writingNeverGoesThroughALink() throws Exception {
        sh("ln -s " + tmp.resolve("planted") + " upload.txt");
        try (BoxTree t = BoxTree.open(ws)) {
            assertThatThrownBy(() -> t.writeFile("upload.txt", "x".getBytes(), 0644)).isInstanceOf(IOException.class);
        }
        assertThat(tmp.resolve("planted")).doesNotExist();
    }

    @Test
    void oddNamesRoundTripInListings() throws Exception {
        String longName = "n".repeat(255);
        sh("printf a > \"$(printf 'line\\nbreak')\"; printf b > \"$(printf 'bad\\377utf8')\"; printf c > " + longName);
        try (BoxTree t = BoxTree.open(ws)) {
            List<BoxTree.Entry> entries = t.list("", 10);
            assertThat(entries).hasSize(3);
            assertThat(entries).extracting(BoxTree.Entry::name).contains("line\nbreak", longName);
            assertThat(read(t, longName)).isEqualTo("c");
            assertThat(read(t, "line\nbreak")).isEqualTo("a");
        }
    }

    @Test
    void aTreeDeeperThanPathMaxCostsBoundedWorkAndGoesWithItsTmpfs() throws Exception {
        // 3,000 levels of "dir/": 12,000 bytes of path, three times PATH_MAX.
        sh("/usr/bin/python3 -c \"import os\nfor _ in range(3000): os.mkdir('dir'); os.chdir('dir')\n"
                + "open('bottom', 'wb').write(bytes(1 << 20))\"");
        try (BoxTree t = BoxTree.open(ws)) {
            assertThat(t.giveTo(65534, 200_000)).as("entries given, the deep part left alone")
                    .isLessThanOrEqualTo(BoxTree.MAX_DEPTH + 1);
            assertThatThrownBy(() -> t.read(1000, 1 << 30, new BoxTree.Reader() {
                @Override
                public void directory(String path, int permissions) {
                }

                @Override
                public void file(String path, int permissions, java.io.InputStream content, long size) {
                }
            })).isInstanceOf(WorkspaceLimitException.class);
        }
        long t0 = System.nanoTime();
        Tmpfs.discard(ws);
        System.out.printf("discarding a 3,000-level tree: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(ws).doesNotExist();
        Files.createDirectory(ws); // for @AfterEach
    }

    @Test
    void anOlderRunboxsUnmountedWorkspaceIsEmptiedWithoutFollowingItsLinks() throws Exception {
        Path legacy = Files.createDirectory(tmp.resolve("legacy"));
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("keep"), "kept");
        new ProcessBuilder("/bin/sh", "-c", "mkdir -p a/b/c && printf x > a/b/c/f && ln -s " + outside + " a/out"
                + " && ln -s " + outside.resolve("keep") + " keep && mkfifo a/pipe").directory(legacy.toFile()).start().waitFor();
        Tmpfs.discard(legacy);
        assertThat(legacy).doesNotExist();
        assertThat(outside.resolve("keep")).hasContent("kept");

        Path deep = Files.createDirectory(tmp.resolve("deep"));
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import os\nfor _ in range(500): os.mkdir('d'); os.chdir('d')\n")
                .directory(deep.toFile()).start();
        assertThat(p.waitFor()).isZero();
        assertThatThrownBy(() -> Tmpfs.discard(deep)).as("deeper than the walk goes").isInstanceOf(IOException.class);
        new ProcessBuilder("rm", "-rf", deep.toString()).start().waitFor();
    }

    @Test
    void aHundredThousandFilesAreDiscardedInOneUnmount() throws Exception {
        sh("mkdir flood && cd flood && seq 1 100000 | xargs touch");
        try (BoxTree t = BoxTree.open(ws)) {
            assertThat(t.usage().inodes()).isGreaterThanOrEqualTo(100_001);
            assertThatThrownBy(() -> t.giveTo(65534, 16_384)).isInstanceOf(WorkspaceLimitException.class);
        }
        long t0 = System.nanoTime();
        Tmpfs.discard(ws);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("discarding a 100,000-file workspace: %d ms%n", ms);
        assertThat(ws).doesNotExist();
        Files.createDirectory(ws);
    }

    @Test
    void theInodeBudgetIsTheWorkspacesOwn() throws Exception {
        Path small = Files.createDirectory(tmp.resolve("small"));
        Tmpfs.mount(small, 1 << 20, 100);
        try {
            Process p = new ProcessBuilder("/bin/sh", "-c", "for i in $(seq 1 200); do touch f$i 2>/dev/null || exit 7; done")
                    .directory(small.toFile()).start();
            assertThat(p.waitFor()).as("the 101st inode is refused").isEqualTo(7);
            sh("touch still-room-here"); // the other workspace is unaffected
        } finally {
            Tmpfs.discard(small);
        }
    }

    @Test
    void aSparseFileStaysSparseWhenCopiedAndTheCopyIsBounded() throws Exception {
        sh("truncate -s 63M sparse && printf tail >> sparse && printf data > plain && ln -s /etc/shadow link && mkfifo fifo");
        Path to = Files.createDirectory(tmp.resolve("to"));
        Tmpfs.mount(to, 512L << 20, 1000);
        try (BoxTree from = BoxTree.open(ws); BoxTree target = BoxTree.open(to)) {
            from.copyTo(target, 100, 1 << 20);
            assertThat(target.list("", 10)).extracting(BoxTree.Entry::name).containsExactly("plain", "sparse");
            assertThat(target.usage().bytes()).as("allocated after copying a 63 MiB sparse file").isLessThan(1 << 20);
            assertThat(Files.size(to.resolve("sparse"))).isEqualTo((63L << 20) + 4);
            assertThat(read(target, "plain")).isEqualTo("data");
            try (BoxTree.FileRead f = target.openFile("sparse", 64L << 20)) {
                byte[] all = f.content().readAllBytes();
                assertThat(new String(all, all.length - 4, 4, StandardCharsets.UTF_8)).isEqualTo("tail");
            }
        } finally {
            Tmpfs.discard(to);
        }
        Path full = Files.createDirectory(tmp.resolve("full"));
        Tmpfs.mount(full, 512L << 20, 1000);
        sh("head -c 4194304 /dev/urandom > dense");
        try (BoxTree from = BoxTree.open(ws); BoxTree target = BoxTree.open(full)) {
            assertThatThrownBy(() -> from.copyTo(target, 100, 1 << 20)).isInstanceOf(WorkspaceLimitException.class);
        } finally {
            Tmpfs.discard(full);
        }
    }

    @Test
    void aNameSwappedBetweenAFileAndALinkNeverYieldsTheLinksTarget() throws Exception {
        // As a program left running in a session would: swap "x" between a regular file and a link, atomically.
        Process swapper = new ProcessBuilder("/usr/bin/python3", "-c", "import os\n"
                + "while True:\n"
                + "    os.symlink('" + hostFile + "', 'y'); os.rename('y', 'x')\n"
                + "    open('z', 'w').write('mine'); os.rename('z', 'x')\n").directory(ws.toFile()).start();
        try {
            int files = 0;
            int refused = 0;
            for (int i = 0; i < 200; i++) {
                try (BoxTree t = BoxTree.open(ws)) {
                    assertThat(read(t, "x")).isEqualTo("mine");
                    files++;
                } catch (NoSuchFileException e) {
                    refused++; // a link (or nothing) at that moment
                }
                Thread.sleep(1);
            }
            System.out.printf("swap race: of 200 reads %d found the regular file, %d were refused, none read the host file%n",
                    files, refused);
            assertThat(files).as("reads that met the regular file").isPositive();
            assertThat(refused).as("reads that met the link").isPositive();
        } finally {
            swapper.destroyForcibly().waitFor();
        }
    }
}
