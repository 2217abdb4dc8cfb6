package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every {@code runbox} command that cannot go on says why in one line, never with a stack trace. */
class CliErrorsTest {

    private record Outcome(int exit, List<String> lines) {
    }

    private static Outcome runbox(Path dataDir, String... args) throws Exception {
        return runbox(dataDir, Map.of(), args);
    }

    private static Outcome runbox(Path dataDir, Map<String, String> env, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Drunbox.home=" + TestServer.home(), "-cp", System.getProperty("java.class.path"),
                "io.runbox.server.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("RUNBOX_DATA_DIR", dataDir.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close(); // no input: a pipe left open would be waited on as the program's stdin
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Outcome(p.exitValue(), out.lines().toList());
    }

    private static void assertOneLine(Outcome o, int exit, String says) {
        assertThat(o.lines()).as(String.join("\n", o.lines())).hasSize(1);
        assertThat(o.lines().getFirst()).startsWith("runbox: ").contains(says).doesNotContain("Exception");
        assertThat(o.exit()).isEqualTo(exit);
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Path data = Files.createTempDirectory("runbox-cli");
        Path program = Files.writeString(data.resolve("hello.py"), "print(1)\n");
        assertOneLine(runbox(data, "run", data.resolve("missing.py").toString()), 2, "no such file");
        assertOneLine(runbox(data, "run", program.toString(), "--stdin", data.resolve("nothing").toString()), 2,
                "no such file");
        assertOneLine(runbox(data, "run", program.toString(), "--time-limit", "banana"), 2, "not a duration");
        assertOneLine(runbox(data, "run", program.toString(), "--memory-limit", "lots"), 2, "not a size");
        assertOneLine(runbox(data, "run"), 2, "<file>");
        assertOneLine(runbox(data, "keys", "create", "--type", "door"), 2, "key type");
        assertOneLine(runbox(data, "keys", "create", "--type", "api", "--plan", "platinum"), 2, "unknown plan");
        assertOneLine(runbox(data, "serve", "--config", data.resolve("absent.yaml").toString()), 1, "absent.yaml");
    }

    /**
     * Issue 13, item 14: the mistakes a newcomer makes first, typed to {@code ./runbox} itself, are each one line on
     * stderr saying what is wrong, nothing on stdout, and exit 2.
     */
    @Test
    void aNewcomersMistakesThroughTheScriptAreOneLineAndExitTwo() throws Exception {
        Path data = Files.createTempDirectory("runbox-cli");
        Path program = Files.writeString(data.resolve("hello.py"), "print(1)\n");
        Map<String, String> env = Map.of("RUNBOX_DATA_DIR", data.toString());
        assertScriptSays(RunboxScript.run(env, "run", data.resolve("missing.py").toString()),
                "no such file: " + data.resolve("missing.py"));
        assertScriptSays(RunboxScript.run(env, "run", data.toString()), data + ": Is a directory");
        assertScriptSays(RunboxScript.run(env, "run", program.toString(), "--memory-limit", "abc"),
                "\"abc\" is not a size");
        assertScriptSays(RunboxScript.run(env, "keys", "create", "--type", "api", "--plan", "gold"),
                "unknown plan 'gold'");
        assertScriptSays(RunboxScript.run(env, "keys", "create", "--type", "widget"),
                "a widget key needs at least one allowed origin");
        assertScriptSays(RunboxScript.run(env, "serve", "--port", "99999"), "--port 99999 is not a port");
    }

    private static void assertScriptSays(RunboxScript.Outcome o, String says) {
        assertThat(o.stdout()).as(o.all()).isEmpty();
        assertThat(o.stderr().lines().toList()).as(o.all()).hasSize(1);
        assertThat(o.stderr()).startsWith("runbox: ").contains(says).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(o.exit()).as(o.all()).isEqualTo(2);
    }

    /** A configuration value that does not parse stops {@code serve} before anything starts, naming its key. */
    @Test
    void badConfigurationIsOneLineAndExitTwo() throws Exception {
        Path data = Files.createTempDirectory("runbox-cli");
        Path yaml = Files.writeString(data.resolve("runbox.yaml"), "server:\n  request_deadline: 5 parsecs\n");
        assertOneLine(runbox(data, "serve", "--config", yaml.toString()), 2,
                "server.request_deadline in " + yaml + ": \"5 parsecs\" is not a duration (use 500ms, 30s, 5m, 1h)");
        assertOneLine(runbox(data, Map.of("RUNBOX_COMPILE_CACHE", "lots"), "serve"), 2,
                "RUNBOX_COMPILE_CACHE (executions.compile_cache): \"lots\" is not a size");
        assertOneLine(runbox(data, Map.of("RUNBOX_CONFIG", yaml.toString()), "serve"), 2, "server.request_deadline");
        Path unknown = Files.writeString(data.resolve("unknown.yaml"), "server: {colour: blue}\n");
        assertOneLine(runbox(data, "serve", "--config", unknown.toString()), 2, "unknown key server.colour");
        Path alias = Files.writeString(data.resolve("alias.yaml"), "compilers: {aliases: {rust-1.93: klingon}}\n");
        assertOneLine(runbox(data, "serve", "--config", alias.toString()), 2,
                "compilers.aliases.rust-1.93: target 'klingon' is neither an installed compiler nor a language");
    }

    /**
     * The README's example copied verbatim once set the admin token to {@code ...}, which then opened {@code /admin}:
     * a placeholder or short secret stops {@code serve} with one line naming the key.
     */
    @Test
    void aPlaceholderOrShortSecretStopsTheStart() throws Exception {
        Path data = Files.createTempDirectory("runbox-cli");
        Path yaml = Files.writeString(data.resolve("runbox.yaml"), "access:\n  admin_token: ...\n");
        assertOneLine(runbox(data, "serve", "--config", yaml.toString()), 2,
                "access.admin_token in " + yaml + " is the placeholder \"...\", not a secret");
        assertOneLine(runbox(data, Map.of("RUNBOX_CALLBACK_SECRET", "changeme"), "serve"), 2,
                "RUNBOX_CALLBACK_SECRET (callbacks.secret) is the placeholder \"changeme\"");
        Outcome shortToken = runbox(data, Map.of("RUNBOX_ADMIN_TOKEN", "hunter2-but-longer"), "serve");
        assertOneLine(shortToken, 2, "RUNBOX_ADMIN_TOKEN (access.admin_token) is 18 characters, too short");
        assertThat(shortToken.lines().getFirst()).as("a real secret is never echoed").doesNotContain("hunter2");
    }
}
