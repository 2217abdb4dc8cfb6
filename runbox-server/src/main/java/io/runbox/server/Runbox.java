package io.runbox.server;

import io.runbox.core.Sandbox;
import io.runbox.engine.EngineConfig;
import io.runbox.engine.Executor;
import io.runbox.engine.catalogue.Catalogue;
import io.runbox.sandbox.BubblewrapSandbox;
import io.runbox.sandbox.SandboxConfig;
import io.runbox.sandbox.SandboxUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The composition root: builds the configuration, sandbox, catalogue and executor from the Runbox home. */
public final class Runbox {
    private final Path home;
    private final EngineConfig engineConfig;

    private Runbox(Path home) {
        this.home = home;
        this.engineConfig = EngineConfig.defaults(home);
    }

    /**
     * The Runbox home: the {@code runbox.home} system property (the launcher sets it), else the working
     * directory.
     */
    public static Runbox fromEnvironment() {
        String prop = System.getProperty("runbox.home");
        Path home = Path.of(prop != null ? prop : ".").toAbsolutePath().normalize();
        return new Runbox(home);
    }

    public Path home() {
        return home;
    }

    public EngineConfig engineConfig() {
        return engineConfig;
    }

    /** The installed catalogue (probes toolchains; about a second). */
    public Catalogue catalogue() throws IOException {
        return Catalogue.probe(engineConfig.languagesDir(), engineConfig.prefix());
    }

    public SandboxConfig sandboxConfig() {
        SandboxConfig base = SandboxConfig.defaults(home.resolve("runbox-sandbox/target/runbox-boxlaunch"));
        String state = System.getenv("RUNBOX_STATE_DIR");
        if (state != null && !state.isBlank()) {
            base = base.withStateDir(Path.of(state));
        }
        List<Path> ro = new ArrayList<>(base.readOnlyPaths());
        ro.add(engineConfig.prefix());
        return base.withReadOnlyPaths(ro);
    }

    public Sandbox sandbox() throws SandboxUnavailableException {
        return BubblewrapSandbox.create(sandboxConfig());
    }

    public Executor executor() throws IOException, SandboxUnavailableException {
        return new Executor(catalogue(), sandbox(), engineConfig);
    }
}
