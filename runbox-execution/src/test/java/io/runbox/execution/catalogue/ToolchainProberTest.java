package io.runbox.execution.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Probing a language whose toolchains answer, hang, or leave a child holding their output open. */
class ToolchainProberTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void aVersionCommandThatHangsIsKilledAtTheTimeoutAndItsToolchainLeftOutWithAReason() throws Exception {
        Path dir = Files.createTempDirectory("runbox-probe");
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path answers = script(bin, "hang-answers", "echo 'Hang 1.2.3'");
        Path hangs = script(bin, "hang-hangs", "echo 'Hang 2.0.0'; exec sleep 600");
        Path leavesAChild = script(bin, "hang-leaves-a-child", "echo 'Hang 3.0.0'; sleep 30 &");
        Path yaml = dir.resolve("hang/language.yaml");
        Files.createDirectories(yaml.getParent());
        Files.writeString(yaml, """
                id: hang
                name: Hang
                extensions: [hang]
                source_file: main.hang
                toolchain:
                  discover: %s/hang-*
                  version_command: ["{tool}", "--version"]
                  version_regex: 'Hang (\\d+\\.\\d+\\.\\d+)'
                  compiler_id: hang-{major}
                run: ["{tool}", "{file}"]
                """.formatted(bin));
        LanguageDefinition def = LanguageLoader.load(yaml);
        Map<Path, String> skipped = new ConcurrentHashMap<>();

        long t0 = System.nanoTime();
        List<Compiler> found = new ToolchainProber(dir, TIMEOUT, skipped::put).probe(def);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        // A command that printed its version and exited counts, even when a child it left keeps the output open.
        assertThat(found).extracting(Compiler::id).containsExactly("hang-3", "hang-1");
        assertThat(found.get(1).tool()).isEqualTo(answers.toRealPath());
        assertThat(skipped).containsOnlyKeys(hangs.toRealPath());
        assertThat(skipped.get(hangs.toRealPath())).contains("did not finish in 2 s");
        // Two toolchains that each take the whole timeout, one after the other; nothing waits for the 600 s sleep.
        assertThat(took).isLessThan(Duration.ofSeconds(20));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (hangingSleepAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(hangingSleepAlive()).as("the hanging version command is killed").isFalse();
    }

    /**
     * A toolchain whose version is read from a package under Runbox's prefix (PGlite's {@code pglite.wasm}, on node) is
     * not installed while that package is missing: nothing is reported, since nothing is broken; once the package is
     * there, it is found.
     */
    @Test
    void aVersionFileOfAMissingPrefixPackageMeansNotInstalledAndNothingToReport() throws Exception {
        Path dir = Files.createTempDirectory("runbox-probe");
        Path bin = Files.createDirectory(dir.resolve("bin"));
        script(bin, "wasm-host", "exit 0");
        Path yaml = dir.resolve("wasm/language.yaml");
        Files.createDirectories(yaml.getParent());
        Files.writeString(yaml, """
                id: wasm
                name: Wasm
                extensions: [wasm]
                source_file: main.wasm
                toolchain:
                  discover: %s/wasm-host
                  version_command: ["/bin/grep", "-aoE", "-m1", 'Wasm [0-9]+\\.[0-9]+', "{prefix}/npm/wasm/version.txt"]
                  version_regex: 'Wasm (\\d+\\.\\d+)'
                  compiler_id: wasm-{major}
                run: ["{tool}", "{file}"]
                """.formatted(bin));
        LanguageDefinition def = LanguageLoader.load(yaml);
        Map<Path, String> skipped = new ConcurrentHashMap<>();

        assertThat(new ToolchainProber(dir, TIMEOUT, skipped::put).probe(def)).isEmpty();
        assertThat(skipped).as("a package not installed is no failure").isEmpty();

        Files.createDirectories(dir.resolve("npm/wasm"));
        Files.writeString(dir.resolve("npm/wasm/version.txt"), "built with Wasm 3.14\n");
        assertThat(new ToolchainProber(dir, TIMEOUT, skipped::put).probe(def)).extracting(Compiler::id)
                .containsExactly("wasm-3");
        assertThat(skipped).isEmpty();
    }

    /**
     * A kind in a root image is found, resolved and versioned inside the image: its links (absolute ones too) lead
     * to the image's files, not the host's, and its version command runs with the image as {@code /}.
     */
    @Test
    void aToolchainInARootImageIsFoundAndVersionedInsideTheImage() throws Exception {
        Path prefix = Files.createTempDirectory(Path.of("/var/tmp"), "runbox-probe-image");
        try {
            Path root = ImageRoot.of(prefix, "testsuite");
            Files.createDirectories(root.resolve("usr/bin"));
            Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu"));
            Files.createDirectories(root.resolve("usr/lib64"));
            Files.createDirectories(root.resolve("usr/lib/fake-9.8/bin"));
            Files.createDirectories(root.resolve("etc/alternatives"));
            for (String mountPoint : List.of("proc", "dev", "tmp")) {
                Files.createDirectories(root.resolve(mountPoint));
            }
            Files.copy(Path.of("/usr/bin/dash"), root.resolve("usr/bin/sh"));
            Files.copy(Path.of("/lib/x86_64-linux-gnu/libc.so.6"), root.resolve("usr/lib/x86_64-linux-gnu/libc.so.6"));
            Files.copy(Path.of("/lib64/ld-linux-x86-64.so.2"), root.resolve("usr/lib64/ld-linux-x86-64.so.2"));
            Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
            Files.createSymbolicLink(root.resolve("lib64"), Path.of("usr/lib64"));
            // Only the image has this toolchain and its release file; the host has neither.
            Files.writeString(root.resolve("etc/fake-release"), "9.8.7\n");
            script(root.resolve("usr/lib/fake-9.8/bin"), "fake", "read v < /etc/fake-release; echo \"Fake $v\"");
            Files.createSymbolicLink(root.resolve("etc/alternatives/fake"), Path.of("/usr/lib/fake-9.8/bin/fake"));
            Files.createSymbolicLink(root.resolve("usr/bin/fake"), Path.of("/etc/alternatives/fake"));
            Files.createSymbolicLink(root.resolve("usr/bin/fake-out"), Path.of("/usr/bin/dash"));
            Path yaml = prefix.resolve("fake/language.yaml");
            Files.createDirectories(yaml.getParent());
            Files.writeString(yaml, """
                    id: fake
                    name: Fake
                    extensions: [fake]
                    source_file: main.fake
                    toolchain:
                      image: testsuite
                      discover: /usr/bin/fake*
                      version_command: ["{tool}", "--version"]
                      version_regex: 'Fake (\\d+\\.\\d+\\.\\d+)'
                      compiler_id: fake-{major}.{minor}
                    run: ["{tool}", "{file}"]
                    """);
            Map<Path, String> skipped = new ConcurrentHashMap<>();

            List<Compiler> found = new ToolchainProber(prefix, TIMEOUT, skipped::put).probe(LanguageLoader.load(yaml));

            assertThat(found).as("left out: %s", skipped).extracting(Compiler::id).containsExactly("fake-9.8");
            assertThat(found.get(0).tool()).isEqualTo(Path.of("/usr/lib/fake-9.8/bin/fake"));
            assertThat(found.get(0).root()).isEqualTo(root);
            // fake-out leads to /usr/bin/dash, which the image does not have: no toolchain, never the host's dash.
            assertThat(skipped).isEmpty();
        } finally {
            io.runbox.sandbox.HostTrees.delete(prefix);
        }
    }

    private static boolean hangingSleepAlive() {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().command().map(c -> c.endsWith("/sleep")).orElse(false)
                && p.info().arguments().map(a -> List.of(a).equals(List.of("600"))).orElse(false));
    }

    private static Path script(Path bin, String name, String body) throws Exception {
        Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }
}
