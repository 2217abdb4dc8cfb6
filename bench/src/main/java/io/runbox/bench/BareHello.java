package io.runbox.bench;

import io.runbox.execution.ExecutionConfig;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.execution.catalogue.LanguageDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A bare cold start: the hello world written to a directory of the host and compiled (when the language compiles)
 * and run there directly with the same toolchain, command lines and environment the catalogue gives the sandbox
 * ({@code gcc -O2 ... && ./main}, {@code javac ... && java ...}, {@code python3 main.py}), no box, no server.
 * Each worker has its own directory; {@link #close()} removes them.
 */
final class BareHello implements AutoCloseable {
    private final LanguageDefinition def;
    private final List<String> compileArgv;
    private final List<String> runArgv;
    private final Map<String, String> env;
    private final Path root;

    private BareHello(LanguageDefinition def, List<String> compileArgv, List<String> runArgv, Map<String, String> env,
                      Path root) {
        this.def = def;
        this.compileArgv = compileArgv;
        this.runArgv = runArgv;
        this.env = env;
        this.root = root;
    }

    static BareHello of(Compiler compiler, ExecutionConfig config) throws IOException {
        LanguageDefinition def = compiler.language();
        LanguageCommands commands = LanguageCommands.of(compiler, config, def.sourceFile());
        return new BareHello(def, commands.compileArgv(), commands.runArgv(), commands.env(),
                Files.createTempDirectory("runbox-bench-bare-"));
    }

    /** Writes {@code source} into worker {@code worker}'s directory, compiles it, runs it; fails unless it greets. */
    void run(int worker, String source) throws IOException {
        Path dir = Files.createDirectories(root.resolve("w" + worker));
        Files.writeString(dir.resolve(def.sourceFile()), source, StandardCharsets.UTF_8);
        if (!compileArgv.isEmpty()) {
            BareProcess.Result c = BareProcess.run(compileArgv, dir, env, null);
            if (c.exitCode() != 0) {
                throw new IOException("bare " + def.id() + " compile failed (exit " + c.exitCode() + "): " + c.err().strip());
            }
        }
        BareProcess.Result r = BareProcess.run(runArgv, dir, env, null);
        if (r.exitCode() != 0 || !r.out().startsWith("Hello")) {
            throw new IOException("bare " + def.id() + " hello world failed: exit " + r.exitCode() + ", stdout '"
                    + r.out().strip() + "', stderr '" + r.err().strip() + "'");
        }
    }

    /** The commands, as a reader would type them. */
    String describe() {
        return (compileArgv.isEmpty() ? "" : String.join(" ", compileArgv) + " && ") + String.join(" ", runArgv);
    }

    @Override
    public void close() throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
