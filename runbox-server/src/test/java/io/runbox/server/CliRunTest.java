package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ./runbox run} as a user types it, each call its own process. */
class CliRunTest {
    /** Runs {@code ./runbox run args}; {@code input} is piped in and closed, or, when {@code null}, stdin is /dev/null. */
    private static RunboxScript.Outcome run(byte[] input, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(List.of(args));
        return RunboxScript.run(Map.of(), input, all.toArray(String[]::new));
    }

    @Test
    void whatIsPipedInIsTheProgramsWholeInputAndDashMeansIt() throws Exception {
        Path dir = Files.createTempDirectory("runbox-cli");
        Path hello = Files.writeString(dir.resolve("hello.py"), "import sys\nprint('hello', sys.stdin.read().strip())\n");

        // echo Bob | runbox run hello.py: the pipe, ended, without a trailing newline too.
        RunboxScript.Outcome piped = run("Bob".getBytes(StandardCharsets.UTF_8), hello.toString());
        assertThat(piped.stdout()).as(piped.stderr()).isEqualTo("hello Bob\n");
        assertThat(piped.exit()).isZero();

        RunboxScript.Outcome dash = run("Ann\n".getBytes(StandardCharsets.UTF_8), hello.toString(), "--stdin", "-");
        assertThat(dash.stdout()).as(dash.stderr()).isEqualTo("hello Ann\n");

        RunboxScript.Outcome none = run(null, hello.toString());
        assertThat(none.stdout()).as(none.stderr()).isEqualTo("hello \n");

        Path file = Files.writeString(dir.resolve("in.txt"), "Eve\n");
        RunboxScript.Outcome fromFile = run(null, hello.toString(), "--stdin", file.toString());
        assertThat(fromFile.stdout()).as(fromFile.stderr()).isEqualTo("hello Eve\n");
    }

    @Test
    void aJavaFileKeepsItsNameSoItsClassRuns() throws Exception {
        Path dir = Files.createTempDirectory("runbox-cli");
        Path hello = Files.writeString(dir.resolve("Hello.java"),
                "public class Hello { public static void main(String[] a) { System.out.println(\"hi from Hello\"); } }\n");
        RunboxScript.Outcome o = run(null, hello.toString());
        assertThat(o.stdout()).as(o.stderr()).isEqualTo("hi from Hello\n");
        assertThat(o.exit()).isZero();
    }
}
