package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code runbox run} as a user types it, each call its own process. */
class CliRunTest {
    private record Outcome(int exit, String stdout, String stderr) {
    }

    /** Runs {@code runbox run args}; {@code input} is piped in and closed, or, when {@code null}, stdin is /dev/null. */
    private static Outcome run(byte[] input, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Drunbox.home=" + TestServer.home(), "-cp", System.getProperty("java.class.path"),
                "io.runbox.server.cli.Main", "run"));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("runbox-cli", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
        if (input == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process p = pb.start();
        if (input != null) {
            try (var in = p.getOutputStream()) {
                in.write(input);
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(err);
        Files.delete(err);
        return new Outcome(p.exitValue(), out, stderr);
    }

    @Test
    void whatIsPipedInIsTheProgramsWholeInputAndDashMeansIt() throws Exception {
        Path dir = Files.createTempDirectory("runbox-cli");
        Path hello = Files.writeString(dir.resolve("hello.py"), "import sys\nprint('hello', sys.stdin.read().strip())\n");

        // echo Bob | runbox run hello.py: the pipe, ended, without a trailing newline too.
        Outcome piped = run("Bob".getBytes(StandardCharsets.UTF_8), hello.toString());
        assertThat(piped.stdout()).as(piped.stderr()).isEqualTo("hello Bob\n");
        assertThat(piped.exit()).isZero();

        Outcome dash = run("Ann\n".getBytes(StandardCharsets.UTF_8), hello.toString(), "--stdin", "-");
        assertThat(dash.stdout()).as(dash.stderr()).isEqualTo("hello Ann\n");

        Outcome none = run(null, hello.toString());
        assertThat(none.stdout()).as(none.stderr()).isEqualTo("hello \n");

        Path file = Files.writeString(dir.resolve("in.txt"), "Eve\n");
        Outcome fromFile = run(null, hello.toString(), "--stdin", file.toString());
        assertThat(fromFile.stdout()).as(fromFile.stderr()).isEqualTo("hello Eve\n");
    }

    @Test
    void aJavaFileKeepsItsNameSoItsClassRuns() throws Exception {
        Path dir = Files.createTempDirectory("runbox-cli");
        Path hello = Files.writeString(dir.resolve("Hello.java"),
                "public class Hello { public static void main(String[] a) { System.out.println(\"hi from Hello\"); } }\n");
        Outcome o = run(null, hello.toString());
        assertThat(o.stdout()).as(o.stderr()).isEqualTo("hi from Hello\n");
        assertThat(o.exit()).isZero();
    }
}
