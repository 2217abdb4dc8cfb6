package io.runbox.execution;

import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.Sandbox;
import io.runbox.core.SourceFile;
import io.runbox.execution.catalogue.Catalogue;
import io.runbox.sandbox.BubblewrapSandbox;
import io.runbox.sandbox.SandboxConfig;
import java.nio.file.Path;

/**
 * The real engine for tests: the real catalogue from {@code languages/}, the real bubblewrap sandbox with
 * the launcher the build compiled. Built once per JVM; the catalogue probe and sandbox checks are not free.
 */
public final class TestRunner {
    /** Box uids of the test sandbox; tests check that no process of these survives a run. */
    public static final int FIRST_UID = 61000;
    public static final int UID_COUNT = 64;

    private static RequestRunner runner;
    private static Sandbox sandbox;

    private TestRunner() {
    }

    public static Path home() {
        return Path.of(System.getProperty("runbox.home", "..")).toAbsolutePath().normalize();
    }

    public static synchronized RequestRunner runner() {
        if (runner == null) {
            try {
                ExecutionConfig config = executionConfig();
                SandboxConfig sc = sandboxConfig();
                sandbox = BubblewrapSandbox.create(sc);
                runner = new RequestRunner(Catalogue.probe(config.languagesDir(), config.prefix()), sandbox, config);
            } catch (Exception e) {
                throw new IllegalStateException("cannot build the test engine: " + e.getMessage(), e);
            }
        }
        return runner;
    }

    /**
     * The engine's settings in tests: the defaults, with no warm compilers when the environment says so
     * ({@code RUNBOX_WARM_COMPILERS=0}, as for the service), so that the whole suite can run without them.
     */
    public static ExecutionConfig executionConfig() {
        ExecutionConfig config = ExecutionConfig.defaults(home());
        String warm = System.getenv("RUNBOX_WARM_COMPILERS");
        return warm == null || warm.isBlank() ? config : config.withWarmCompilers(Integer.parseInt(warm.strip()));
    }

    /**
     * The sandbox configuration of the test engine: the defaults, with reused boxes and pre-started runtimes off when
     * the environment says so ({@code RUNBOX_REUSE_BOXES=false}, {@code RUNBOX_PRESTART_RUNTIMES=false}, as for the
     * service), so that the whole suite can run in either mode.
     */
    public static SandboxConfig sandboxConfig() {
        SandboxConfig sc = SandboxConfig.defaults(home().resolve("runbox-sandbox/target/runbox-boxlaunch"));
        return sc.withReuseBoxes(!"false".equalsIgnoreCase(System.getenv("RUNBOX_REUSE_BOXES")))
                .withPrestartRuntimes(!"false".equalsIgnoreCase(System.getenv("RUNBOX_PRESTART_RUNTIMES")));
    }

    /** The executor's sandbox, for parts of the engine that use one of their own (sessions). */
    public static synchronized Sandbox sandbox() {
        runner();
        return sandbox;
    }

    /** Runs {@code code} as the language's single source file. */
    public static ExecResult run(String language, String code) throws RequestRejectedException {
        RequestRunner ex = runner();
        String file = ex.catalogue().find(language).orElseThrow().definition().sourceFile();
        return ex.execute(ExecRequest.of(language, SourceFile.of(file, code)));
    }
}
