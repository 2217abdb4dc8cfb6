package io.runbox.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runbox.core.Limits;
import io.runbox.execution.ExecutionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration is read once, typed, and a value that cannot be used names its key. */
class ConfigLoaderTest {
    @TempDir
    Path dir;

    /** Every YAML key holding a duration, with a valid value. */
    private static final List<String> DURATION_KEYS = List.of("server.request_deadline", "server.idle_timeout",
            "executions.max_wait", "jobs.lease", "callbacks.first_retry", "callbacks.timeout", "sessions.idle_timeout",
            "plans.team.max_run_timeout", "limits.run.wall_time", "languages.java.compile.wall_time");
    /** Every YAML key holding a size. */
    private static final List<String> SIZE_KEYS = List.of("executions.compile_cache", "plans.team.max_memory",
            "plans.team.max_output", "limits.run.memory", "limits.compile.output", "limits.run.file_size",
            "languages.java.run.memory");

    private Path yaml(String text) throws IOException {
        return Files.writeString(dir.resolve("runbox.yaml"), text);
    }

    /** {@code a.b.c: value} as nested YAML. */
    private static String nested(String key, String value) {
        String[] parts = key.split("\\.");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            sb.append("  ".repeat(i)).append(parts[i]).append(':');
            sb.append(i == parts.length - 1 ? " " + value + "\n" : "\n");
        }
        return sb.toString();
    }

    @Test
    void defaultsNeedNothing() throws IOException {
        RunboxConfig c = ConfigLoader.load(null, Map.of());
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.server().requestDeadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.server().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.executions().maxWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.executions().compileCache()).isEqualTo(ExecutionConfig.DEFAULT_COMPILE_CACHE_BYTES);
        assertThat(c.executions().reuseBoxes()).isTrue();
        assertThat(c.executions().prestartRuntimes()).isTrue();
        assertThat(c.jobs().lease()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.callbacks().firstRetry()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.callbacks().timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.sessions().idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.dataDir()).isEqualTo("./data");
        assertThat(c.stateDir()).isNull();
        assertThat(c).isEqualTo(RunboxConfig.defaults());
        // A default file that is not there is no error.
        assertThat(ConfigLoader.load(dir.resolve("runbox.yaml"), Map.of())).isEqualTo(RunboxConfig.defaults());
    }

    @Test
    void yamlOverridesDefaultsWithTypedValues() throws IOException {
        Path file = yaml("""
                server: {port: 9000, request_deadline: 1h, idle_timeout: 500ms}
                executions: {max_wait: 5m, compile_cache: 1g}
                jobs: {lease: 90}
                plans:
                  team: {max_run_timeout: 60s, max_memory: 1g, max_output: 64k}
                limits:
                  run: {wall_time: 10s, memory: 256m, file_size: 1m}
                languages:
                  java: {run: {memory: 1g}}
                state_dir: /var/lib/runbox-other
                """);
        RunboxConfig c = ConfigLoader.load(file, Map.of());
        assertThat(c.server().port()).isEqualTo(9000);
        assertThat(c.server().requestDeadline()).isEqualTo(Duration.ofHours(1));
        assertThat(c.server().idleTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.server().host()).isEqualTo("0.0.0.0");
        assertThat(c.executions().maxWait()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.executions().compileCache()).isEqualTo(1L << 30);
        assertThat(c.jobs().lease()).isEqualTo(Duration.ofSeconds(90));
        RunboxConfig.PlanConfig team = c.plans().get("team");
        assertThat(team.maxRunTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(team.maxMemory()).isEqualTo(1L << 30);
        assertThat(team.maxOutput()).isEqualTo(64L << 10);
        Limits run = c.limits().toStageLimits().run();
        assertThat(run.wallTime()).isEqualTo(Duration.ofSeconds(10));
        assertThat(run.memoryBytes()).isEqualTo(256L << 20);
        assertThat(run.fileSizeBytes()).isEqualTo(1L << 20);
        assertThat(c.languages().get("java").toStageLimits().run().memoryBytes()).isEqualTo(1L << 30);
        assertThat(c.stateDir()).isEqualTo("/var/lib/runbox-other");
    }

    @Test
    void environmentWinsOverYaml() throws IOException {
        Path file = yaml("server: {port: 9000, request_deadline: 1h}\nexecutions: {compile_cache: 1g}\n");
        RunboxConfig c = ConfigLoader.load(file, Map.of("RUNBOX_PORT", "9100", "RUNBOX_REQUEST_DEADLINE", "2h",
                "RUNBOX_COMPILE_CACHE", "16m", "RUNBOX_STATE_DIR", "/tmp/state", "RUNBOX_ANONYMOUS", "true",
                "RUNBOX_REUSE_BOXES", "false", "RUNBOX_PRESTART_RUNTIMES", "false", "UNRELATED", "ignored"));
        assertThat(c.executions().reuseBoxes()).isFalse();
        assertThat(c.executions().prestartRuntimes()).isFalse();
        assertThat(c.server().port()).isEqualTo(9100);
        assertThat(c.server().requestDeadline()).isEqualTo(Duration.ofHours(2));
        assertThat(c.executions().compileCache()).isEqualTo(16L << 20);
        assertThat(c.stateDir()).isEqualTo("/tmp/state");
        assertThat(c.access().anonymous().enabled()).isTrue();
        // A blank variable sets nothing.
        assertThat(ConfigLoader.load(file, Map.of("RUNBOX_PORT", " ")).server().port()).isEqualTo(9000);
    }

    @Test
    void unknownKeysAreRefusedByName() throws IOException {
        Path file = yaml("server: {port: 9000, request_dedline: 5s}\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("unknown key server.request_dedline in " + file)
                .hasMessageContaining("request_deadline");
        Path top = yaml("colour: blue\n");
        assertThatThrownBy(() -> ConfigLoader.load(top, Map.of())).hasMessageStartingWith("unknown key colour");
    }

    @Test
    void everyBadDurationNamesItsKey() throws IOException {
        for (String key : DURATION_KEYS) {
            Path file = yaml(nested(key, "5 parsecs"));
            assertThatThrownBy(() -> ConfigLoader.load(file, Map.of())).as(key)
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessage(key + " in " + file + ": \"5 parsecs\" is not a duration (use 500ms, 30s, 5m, 1h)");
            Path fine = yaml(nested(key, "1h"));
            ConfigLoader.load(fine, Map.of());
        }
    }

    @Test
    void everyBadSizeNamesItsKey() throws IOException {
        for (String key : SIZE_KEYS) {
            Path file = yaml(nested(key, "lots"));
            assertThatThrownBy(() -> ConfigLoader.load(file, Map.of())).as(key)
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessage(key + " in " + file + ": \"lots\" is not a size (use 512m, 1g, 64k or a number of bytes)");
            Path huge = yaml(nested(key, "99999999999g"));
            assertThatThrownBy(() -> ConfigLoader.load(huge, Map.of())).as(key)
                    .hasMessage(key + " in " + file + ": \"99999999999g\" is too large a size");
        }
    }

    /** Each variable that cannot take a nonsense value says which variable and which key it is. */
    @Test
    void everyBadVariableNamesItselfAndItsKey() throws IOException {
        int refused = 0;
        for (Map.Entry<String, String> v : ConfigLoader.ENVIRONMENT.entrySet()) {
            if (v.getValue().equals("access.admin_token") || v.getValue().endsWith(".secret")) {
                continue; // secrets: aShortOrPlaceholderSecretIsRefusedByName
            }
            try {
                ConfigLoader.load(null, Map.of(v.getKey(), "5 parsecs"));
            } catch (InvalidConfigException e) {
                refused++;
                assertThat(e.getMessage()).as(v.getKey())
                        .startsWith(v.getKey() + " (" + v.getValue() + "): \"5 parsecs\" is not ");
            }
        }
        assertThat(refused).isGreaterThanOrEqualTo(20);
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RUNBOX_REQUEST_DEADLINE", "5 parsecs")))
                .hasMessage("RUNBOX_REQUEST_DEADLINE (server.request_deadline): \"5 parsecs\" is not a duration"
                        + " (use 500ms, 30s, 5m, 1h)");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RUNBOX_PORT", "eighty")))
                .hasMessage("RUNBOX_PORT (server.port): \"eighty\" is not a whole number");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RUNBOX_ANONYMOUS", "maybe")))
                .hasMessage("RUNBOX_ANONYMOUS (access.anonymous.enabled): \"maybe\" is not true or false");
    }

    @Test
    void aShortOrPlaceholderSecretIsRefusedByName() throws IOException {
        for (String placeholder : List.of("...", "…", "changeme", "CHANGE_ME", "secret", "<admin token>", "${ADMIN_TOKEN}",
                "your-admin-token-goes-here", "please-changeme-before-production", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")) {
            Path file = yaml("access:\n  admin_token: \"" + placeholder + "\"\n");
            assertThatThrownBy(() -> ConfigLoader.load(file, Map.of())).as(placeholder)
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageStartingWith("access.admin_token in " + file + " is the placeholder \"" + placeholder + "\"");
            assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RUNBOX_CALLBACK_SECRET", placeholder))).as(placeholder)
                    .hasMessageStartingWith("RUNBOX_CALLBACK_SECRET (callbacks.secret) is the placeholder");
            assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RUNBOX_CLUSTER_SECRET", placeholder))).as(placeholder)
                    .hasMessageStartingWith("RUNBOX_CLUSTER_SECRET (cluster.secret) is the placeholder");
        }
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("RUNBOX_ADMIN_TOKEN", "s3cr3t-but-short")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("RUNBOX_ADMIN_TOKEN (access.admin_token) is 16 characters, too short for a secret: set at"
                        + " least 24 random characters (openssl rand -hex 24), or leave it out and Runbox generates one");
        Path shortSecret = yaml("callbacks: {secret: abcdefghijklmnopqrstuvw}\n");
        assertThatThrownBy(() -> ConfigLoader.load(shortSecret, Map.of()))
                .hasMessageStartingWith("callbacks.secret in " + shortSecret + " is 23 characters");
        String good = "9f2c4e1a7b3d5f60a8c2e4b6d1f3a5c7";
        RunboxConfig c = ConfigLoader.load(null, Map.of("RUNBOX_ADMIN_TOKEN", good, "RUNBOX_CALLBACK_SECRET", good,
                "RUNBOX_CLUSTER_SECRET", good));
        assertThat(c.access().adminToken()).isEqualTo(good);
        assertThat(c.callbacks().secret()).isEqualTo(good);
        assertThat(c.cluster().secret()).isEqualTo(good);
    }

    /** The README's configuration example, copied verbatim, starts a server: no placeholder where a secret goes. */
    @Test
    void theReadmeExampleLoadsAsWritten() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("runbox.home", "..")).resolve("README.md"));
        int section = readme.indexOf("## Configuration");
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        String example = readme.substring(start, readme.indexOf("```", start));
        RunboxConfig c = ConfigLoader.load(yaml(example), Map.of());
        assertThat(c.access().adminToken()).as("generated at first start").isNull();
        assertThat(c.callbacks().secret()).as("generated into the data directory").isNull();
        assertThat(c.plans()).containsKey("team");
    }

    @Test
    void aFileThatIsNotUsableSaysSoInOneLine() throws IOException {
        Path broken = yaml("server: {port: 9000\n");
        assertThatThrownBy(() -> ConfigLoader.load(broken, Map.of())).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith(broken + " is not valid YAML: ").message().doesNotContain("\n");
        Path list = yaml("- 1\n- 2\n");
        assertThatThrownBy(() -> ConfigLoader.load(list, Map.of())).isInstanceOf(InvalidConfigException.class)
                .hasMessage(list + ": the configuration must be a YAML mapping");
        Path scalar = yaml("server: 5\n");
        assertThatThrownBy(() -> ConfigLoader.load(scalar, Map.of())).hasMessage("server in " + scalar
                + ": expected a mapping");
    }

    @Test
    void theFileIsGivenElseNamedByTheEnvironmentElseTheDefault() throws IOException {
        Path file = yaml("server: {port: 9000}\n");
        assertThat(ConfigLoader.file(file, Map.of("RUNBOX_CONFIG", "/nonexistent"))).isEqualTo(file);
        assertThat(ConfigLoader.file(null, Map.of("RUNBOX_CONFIG", file.toString()))).isEqualTo(file);
        assertThat(ConfigLoader.file(null, Map.of())).isEqualTo(Path.of("runbox.yaml"));
        assertThatThrownBy(() -> ConfigLoader.file(null, Map.of("RUNBOX_CONFIG", dir.resolve("absent.yaml").toString())))
                .isInstanceOf(IOException.class).hasMessageContaining("absent.yaml");
        assertThat(ConfigLoader.processEnvironment(Map.of("RUNBOX_PORT", "1"))).containsEntry("RUNBOX_PORT", "1")
                .containsAllEntriesOf(System.getenv().entrySet().stream()
                        .filter(e -> !e.getKey().equals("RUNBOX_PORT"))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    @Test
    void compilerAliasesAreNoneByDefaultAndKeepTheirOrder() throws IOException {
        assertThat(ConfigLoader.load(null, Map.of()).compilers().aliases()).isEmpty();
        Path file = yaml("compilers:\n  aliases: {python-3.14: python, gcc-15: gcc, openjdk-8: openjdk-17}\n");
        assertThat(ConfigLoader.load(file, Map.of()).compilers().aliases()).containsExactly(
                Map.entry("python-3.14", "python"), Map.entry("gcc-15", "gcc"), Map.entry("openjdk-8", "openjdk-17"));
        assertThatThrownBy(() -> ConfigLoader.load(yaml("compilers:\n  aliases: [python-3.14]\n"), Map.of()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("compilers.aliases");
    }
}
