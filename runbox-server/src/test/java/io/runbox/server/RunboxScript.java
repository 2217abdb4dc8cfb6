package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./runbox ...} as a user types it: the launcher script, a process of its own, running this build's classes
 * ({@code RUNBOX_CLASSPATH}, so the script builds nothing) on the JDK running the tests.
 */
public final class RunboxScript {

    /** What a call printed and how it ended. */
    public record Outcome(int exit, String stdout, String stderr) {
        /** Both streams, stdout first. */
        public String all() {
            return stdout + stderr;
        }
    }

    private RunboxScript() {
    }

    /** Runs {@code ./runbox args} with {@code env} over the inherited environment; stdin is /dev/null. */
    public static Outcome run(Map<String, String> env, String... args) throws Exception {
        return run(env, null, args);
    }

    /**
     * Runs {@code ./runbox args} with {@code env} over the inherited environment; {@code input} is piped in and
     * closed, or, when {@code null}, stdin is /dev/null.
     */
    public static Outcome run(Map<String, String> env, byte[] input, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(TestServer.home().resolve("runbox").toString()));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("runbox-script", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
        if (input == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        pb.environment().put("RUNBOX_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (input != null) {
            try (var in = p.getOutputStream()) {
                in.write(input);
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("./runbox %s ends", String.join(" ", args)).isTrue();
        String stderr = Files.readString(err);
        Files.delete(err);
        return new Outcome(p.exitValue(), out, stderr);
    }
}
