package io.runbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.BoxCommand;
import io.runbox.core.BoxResult;
import io.runbox.core.Limits;
import io.runbox.core.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A box on a root image ({@link BoxCommand#root}) has the image as its system: its {@code /usr}, its merged-usr links
 * and its own {@code /etc} entries, and nothing of the host's system; a link in the image that leads out of it never
 * brings a host path into the box. The image here is a tiny one made by the test (the host's {@code dash} and the C
 * library it needs, an {@code /etc} of its own), in both kinds of box: a new one per run and a reused one.
 */
class RootImageBoxTest {
    /** Not under /tmp: the box has its own. */
    private static final Path IMAGE = Path.of("/var/tmp/runbox-test-image-" + ProcessHandle.current().pid());
    private static final Limits LIMITS = Limits.DEFAULTS.withWallTime(Duration.ofSeconds(20));

    @BeforeAll
    static void makeImage() throws IOException {
        HostTrees.delete(IMAGE);
        Files.createDirectories(IMAGE.resolve("usr/bin"));
        Files.createDirectories(IMAGE.resolve("usr/lib/x86_64-linux-gnu"));
        Files.createDirectories(IMAGE.resolve("usr/lib64"));
        Files.createDirectories(IMAGE.resolve("usr/share"));
        Files.createDirectories(IMAGE.resolve("etc"));
        Files.copy(Path.of("/usr/bin/dash"), IMAGE.resolve("usr/bin/dash"));
        Files.createSymbolicLink(IMAGE.resolve("usr/bin/sh"), Path.of("dash"));
        Files.copy(Path.of("/lib/x86_64-linux-gnu/libc.so.6"), IMAGE.resolve("usr/lib/x86_64-linux-gnu/libc.so.6"));
        Files.copy(Path.of("/lib64/ld-linux-x86-64.so.2"), IMAGE.resolve("usr/lib64/ld-linux-x86-64.so.2"));
        Files.createSymbolicLink(IMAGE.resolve("bin"), Path.of("usr/bin"));
        Files.createSymbolicLink(IMAGE.resolve("lib"), Path.of("usr/lib"));
        Files.createSymbolicLink(IMAGE.resolve("lib64"), Path.of("usr/lib64"));
        Files.writeString(IMAGE.resolve("etc/ld.so.conf"), "the image's own\n");
        Files.createDirectories(IMAGE.resolve("etc/lang"));
        Files.writeString(IMAGE.resolve("etc/lang/conf"), "the language's, from the image\n");
        // A link in the image that leads out of it when read on the host: /usr/share/out -> /etc (the host's /etc).
        Files.createSymbolicLink(IMAGE.resolve("usr/share/out"), Path.of("/etc"));
    }

    @AfterAll
    static void removeImage() throws IOException {
        HostTrees.delete(IMAGE);
    }

    private static String run(boolean reuse, List<String> paths, String script) throws Exception {
        BubblewrapSandbox sandbox = BubblewrapSandbox.create(
                SandboxConfig.defaults(BubblewrapSandboxTest.launcher()).withReuseBoxes(reuse));
        try (Workspace ws = sandbox.newWorkspace()) {
            BoxResult r = sandbox.run(ws, new BoxCommand(List.of("/bin/sh", "-c", script), SandboxContract.ENV, null,
                    LIMITS, paths).withRoot(IMAGE.toString()));
            assertThat(r.exitCode()).as("stderr: %s", new String(r.stderr(), StandardCharsets.UTF_8)).isZero();
            return new String(r.stdout(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "reused box: {0}")
    @ValueSource(booleans = {false, true})
    void theBoxSeesTheImageAsItsSystemAndNothingOfTheHosts(boolean reuse) throws Exception {
        String out = run(reuse, List.of("/etc/lang"), """
                read l < /etc/ld.so.conf; echo "ld.so.conf: $l"
                read l < /etc/lang/conf; echo "lang: $l"
                for p in /usr/bin/python3 /usr/bin/bwrap /usr/lib/jvm /etc/shadow /var/lib/runbox; do
                  if [ -e "$p" ]; then echo "host: $p"; fi
                done
                read l < /etc/passwd; echo "passwd: $l"
                read l < /usr/share/out/passwd; echo "through the image's link: $l"
                echo "/ is read-only: $(touch /usr/x 2>/dev/null && echo no || echo yes)"
                """);
        assertThat(out.lines()).containsExactly(
                "ld.so.conf: the image's own",
                "lang: the language's, from the image",
                "passwd: root:x:0:0:root:/nonexistent:/usr/sbin/nologin",
                "through the image's link: root:x:0:0:root:/nonexistent:/usr/sbin/nologin",
                "/ is read-only: yes");
    }

    @Test
    void aLinkInTheImageThatLeadsOutOfItBindsNothingOfTheHost() throws IOException {
        BoxShape shape = new BoxShape(SandboxContract.ENV, List.of("/usr/share/out/passwd", "/etc/lang"), LIMITS, null,
                IMAGE.toString());
        List<String> args = BwrapArgs.build(SandboxConfig.SYSTEM_PATHS, Path.of("/var/lib/runbox/etc-x"),
                Path.of("/var/lib/runbox/ws"), shape, Path.of("/exec"));
        assertThat(args).doesNotContain("/etc/passwd", "/usr/share/out/passwd")
                .contains(IMAGE.resolve("usr").toString())
                .containsSequence("--symlink", "usr/bin", "/bin");
    }
}
