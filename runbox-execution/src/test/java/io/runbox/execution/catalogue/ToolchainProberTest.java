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
