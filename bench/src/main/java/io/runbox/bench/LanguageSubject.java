package io.runbox.bench;

import io.runbox.core.BoxCommand;
import io.runbox.core.BoxResult;
import io.runbox.core.Limits;
import io.runbox.core.Sandbox;
import io.runbox.core.SourceFile;
import io.runbox.core.Workspace;
import io.runbox.execution.ExecutionConfig;
import io.runbox.execution.RequestRejectedException;
import io.runbox.execution.catalogue.Catalogue;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.execution.catalogue.LanguageDefinition;
import io.runbox.sandbox.fs.BoxTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One language's hello world, prepared the way the engine prepares a request: its {@code languages/<id>/test.*}
 * written under the language's source file name into a sandbox workspace, compiled once in a box when the
 * language compiles, and the run stage's argv, environment and limits resolved exactly as the executor does.
 */
final class LanguageSubject implements AutoCloseable {
    final String id;
    final Compiler compiler;
    final LanguageDefinition definition;
    final SourceFile source;
    final Map<String, String> env;
    final Limits runLimits;
    final List<String> runArgv;
    final Workspace workspace;
    final long compileMs;
    private final Sandbox sandbox;

    private LanguageSubject(String id, Compiler compiler, SourceFile source, Map<String, String> env, Limits runLimits,
                            List<String> runArgv, Workspace workspace, long compileMs, Sandbox sandbox) {
        this.id = id;
        this.compiler = compiler;
        this.definition = compiler.language();
        this.source = source;
        this.env = env;
        this.runLimits = runLimits;
        this.runArgv = runArgv;
        this.workspace = workspace;
        this.compileMs = compileMs;
        this.sandbox = sandbox;
    }

    static LanguageSubject prepare(String language, Catalogue catalogue, Sandbox sandbox, ExecutionConfig config)
            throws IOException, RequestRejectedException {
        Compiler compiler = catalogue.resolve(language, null);
        LanguageDefinition def = compiler.language();
        SourceFile source = new SourceFile(def.sourceFile(), Files.readAllBytes(testFile(config.languagesDir(), def.id())));
        LanguageCommands commands = LanguageCommands.of(compiler, config, source.name());

        Workspace ws = sandbox.newWorkspace();
        try {
            try (BoxTree tree = BoxTree.open(ws.dir())) {
                tree.writeFile(source.name(), source.content(), 0644);
            }
            long compileMs = 0;
            if (def.isCompiled()) {
                long t0 = System.nanoTime();
                BoxResult r = sandbox.run(ws, new BoxCommand(commands.compileArgv(), commands.env(), null,
                        commands.compileLimits()));
                compileMs = (System.nanoTime() - t0) / 1_000_000;
                if (r.exitCode() != 0) {
                    throw new IOException(def.id() + " compile failed (exit " + r.exitCode() + "): "
                            + new String(r.stderr(), StandardCharsets.UTF_8));
                }
            }
            return new LanguageSubject(def.id(), compiler, source, commands.env(), commands.runLimits(),
                    commands.runArgv(), ws, compileMs, sandbox);
        } catch (IOException | RuntimeException e) {
            ws.close();
            throw e;
        }
    }

    /** {@code languages/<id>/test.*}: the language's own smoke test, a hello world. */
    static Path testFile(Path languagesDir, String id) throws IOException {
        try (Stream<Path> s = Files.list(languagesDir.resolve(id))) {
            return s.filter(p -> p.getFileName().toString().startsWith("test.")).sorted().findFirst()
                    .orElseThrow(() -> new IOException("no test.* in " + languagesDir.resolve(id)));
        }
    }

    /** The run stage through the Sandbox SPI of the workspaces' sandbox, checked to have printed its greeting. */
    BoxResult runSandboxed(Workspace ws) throws IOException {
        return runSandboxed(sandbox, ws);
    }

    /** The run stage through {@code in} (a sandbox sharing this one's state directory), checked as above. */
    BoxResult runSandboxed(Sandbox in, Workspace ws) throws IOException {
        BoxResult r = in.run(ws, new BoxCommand(runArgv, env, null, runLimits));
        check("sandboxed (wall " + r.wallMs() + " ms" + (r.timedOut() ? ", timed out" : "") + (r.oomKilled() ? ", OOM" : "")
                + ")", r.exitCode(), new String(r.stdout(), StandardCharsets.UTF_8),
                new String(r.stderr(), StandardCharsets.UTF_8));
        return r;
    }

    /** The same argv and environment, unsandboxed, in the same directory (its host path). */
    BareProcess.Result runBare(Workspace ws) throws IOException {
        BareProcess.Result r = BareProcess.run(runArgv, ws.dir(), env, null);
        check("bare", r.exitCode(), r.out(), r.err());
        return r;
    }

    private void check(String how, int exit, String out, String err) throws IOException {
        if (exit != 0 || !out.startsWith("Hello")) {
            String hint = exit == 137 && out.isEmpty()
                    ? " (SIGKILL with no output: is another Runbox process, such as ./runbox test, using the same box"
                    + " uids and cgroups at the same time? Run the benchmark alone.)"
                    : "";
            throw new IOException(how + " " + id + " hello world failed: exit " + exit + ", stdout '" + out.strip()
                    + "', stderr '" + err.strip() + "'" + hint);
        }
    }

    /** A new workspace holding a copy of the compiled one, for a concurrent worker. */
    Workspace copyWorkspace() throws IOException {
        Workspace copy = sandbox.newWorkspace();
        try (BoxTree from = BoxTree.open(workspace.dir()); BoxTree to = BoxTree.open(copy.dir())) {
            from.copyTo(to, 10_000, 1L << 30);
        } catch (IOException | RuntimeException e) {
            copy.close();
            throw e;
        }
        return copy;
    }

    @Override
    public void close() {
        workspace.close();
    }
}
