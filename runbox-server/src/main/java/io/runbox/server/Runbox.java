package io.runbox.server;

import io.runbox.core.Sandbox;
import io.runbox.core.StageLimits;
import io.runbox.execution.ExecutionConfig;
import io.runbox.execution.RequestRunner;
import io.runbox.execution.catalogue.Catalogue;
import io.runbox.execution.catalogue.InvalidAliasException;
import io.runbox.execution.catalogue.ProbeCache;
import io.runbox.sandbox.BubblewrapSandbox;
import io.runbox.sandbox.SandboxConfig;
import io.runbox.sandbox.SandboxUnavailableException;
import io.runbox.server.config.ConfigLoader;
import io.runbox.server.config.InvalidConfigException;
import io.runbox.server.config.RunboxConfig;
import io.runbox.store.Database;
import io.runbox.store.postgres.PostgresUrl;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The composition root: turns the Runbox home and the configuration into the sandbox, catalogue and
 * request runner; {@link RunboxServer} adds the service around them.
 */
public final class Runbox {
    /** The Runbox version this build is. */
    public static final String VERSION = "0.1.0";

    private final Path home;
    private final RunboxConfig config;
    private final ExecutionConfig executionConfig;

    public Runbox(Path home, RunboxConfig config) {
        this.home = home;
        this.config = config;
        this.executionConfig = executionConfig(home, config);
    }

    /**
     * The Runbox home is the {@code runbox.home} system property (the launcher sets it), else the working
     * directory; the configuration is {@code configFile}, else {@code RUNBOX_CONFIG}, else
     * {@code runbox.yaml} in the working directory if it exists, with {@code RUNBOX_*} variables over it and
     * {@code port}, when given, over those ({@link ConfigLoader}).
     *
     * @throws io.runbox.server.config.InvalidConfigException naming the key of a value that does not parse
     */
    public static Runbox fromEnvironment(Path configFile, Integer port) throws IOException {
        return fromCommandLine(configFile, port == null ? Map.of() : Map.of("RUNBOX_PORT", port.toString()));
    }

    /**
     * As {@link #fromEnvironment(Path, Integer)}, with command-line flags given as the {@code RUNBOX_*} variables
     * they stand for ({@code --anonymous} is {@code RUNBOX_ANONYMOUS=true}), over the environment and the file.
     */
    public static Runbox fromCommandLine(Path configFile, Map<String, String> flags) throws IOException {
        String prop = System.getProperty("runbox.home");
        Path home = Path.of(prop != null ? prop : ".").toAbsolutePath().normalize();
        Map<String, String> env = ConfigLoader.processEnvironment(flags);
        return new Runbox(home, ConfigLoader.load(ConfigLoader.file(configFile, env), env));
    }

    public static Runbox fromEnvironment() throws IOException {
        return fromEnvironment(null, null);
    }

    private static ExecutionConfig executionConfig(Path home, RunboxConfig config) {
        ExecutionConfig defaults = ExecutionConfig.defaults(home);
        StageLimits global = config.limits().toStageLimits().orElse(defaults.defaults());
        Map<String, StageLimits> perLanguage = new HashMap<>();
        config.languages().forEach((id, spec) -> perLanguage.put(id, spec.toStageLimits()));
        Path languages = config.languagesDir() == null ? defaults.languagesDir()
                : Path.of(config.languagesDir()).toAbsolutePath().normalize();
        Path prefix = config.prefix() == null ? defaults.prefix() : Path.of(config.prefix()).toAbsolutePath().normalize();
        return new ExecutionConfig(languages, prefix, global, perLanguage,
                defaults.maxCodeBytes(), defaults.maxStdinBytes(), defaults.maxFiles(),
                config.executions().compileCache(), config.executions().warmCompilers());
    }

    public Path home() {
        return home;
    }

    public RunboxConfig config() {
        return config;
    }

    public ExecutionConfig executionConfig() {
        return executionConfig;
    }

    /** The SQLite file of keys, jobs and permlinks: {@code runbox.db} in the data directory (absolute). */
    public Path storePath() {
        return Path.of(config.dataDir()).toAbsolutePath().normalize().resolve("runbox.db");
    }

    /**
     * The store this configuration names, as servers and {@code ./runbox keys} compare it: the SQLite file's
     * absolute path, or the PostgreSQL database's address without its password.
     *
     * @throws IllegalArgumentException when {@code store.url} is no database URL Runbox reads
     */
    public String storeName() {
        String url = config.store().url();
        return url == null || url.isBlank() ? storePath().toString() : PostgresUrl.parse(url).toString();
    }

    /** Opens (and migrates) the store this configuration names: {@code store.url}, else the SQLite file. */
    public Database openStore(Clock clock) throws IOException {
        return Database.open(config.store().url(), storePath(), clock);
    }

    /**
     * The installed catalogue with the configured compiler aliases: discovers the toolchains, and runs the version
     * command only of those the cache in the sandbox state directory has no answer for (a second or more when all
     * are probed).
     *
     * @throws InvalidConfigException naming {@code compilers.aliases.<alias>} when an alias names nothing installed
     */
    public Catalogue catalogue() throws IOException {
        Catalogue installed = probedCatalogue();
        try {
            return installed.withCompilerAliases(config.compilers().aliases());
        } catch (InvalidAliasException e) {
            throw new InvalidConfigException("compilers.aliases." + e.alias() + ": " + e.getMessage());
        }
    }

    /** The installed toolchains, probed now (through the same cache), without the operator's compiler aliases. */
    public Catalogue probedCatalogue() throws IOException {
        Path languages = executionConfig.languagesDir();
        Path prefix = executionConfig.prefix();
        return Catalogue.probe(languages, prefix,
                ProbeCache.at(ProbeCache.fileIn(sandboxConfig().stateDir(), languages, prefix)));
    }

    public SandboxConfig sandboxConfig() {
        SandboxConfig base = SandboxConfig.defaults(home.resolve("runbox-sandbox/target/runbox-boxlaunch"))
                .withWarmBoxes(config.executions().warmBoxes())
                .withReuseBoxes(config.executions().reuseBoxes())
                .withPrestartRuntimes(config.executions().prestartRuntimes());
        return config.stateDir() == null ? base : base.withStateDir(Path.of(config.stateDir()));
    }

    /** The sandbox of a service: boxes set up ahead as configured. The caller closes it. */
    public Sandbox sandbox() throws SandboxUnavailableException {
        return BubblewrapSandbox.create(sandboxConfig());
    }

    /** The sandbox of a single command-line run, which would never use a box set up ahead or serve a second run. */
    public Sandbox sandboxForOneRun() throws SandboxUnavailableException {
        return BubblewrapSandbox.create(sandboxConfig().withWarmBoxes(0).withReuseBoxes(false));
    }

    public RequestRunner runner(Sandbox sandbox) throws IOException {
        return new RequestRunner(catalogue(), sandbox, executionConfig);
    }

    /** A request runner for a single command-line run, which would never use a warm compiler twice. */
    public RequestRunner runnerForOneRun() throws IOException, SandboxUnavailableException {
        return new RequestRunner(catalogue(), sandboxForOneRun(), executionConfig.withWarmCompilers(0));
    }

}
