package io.runbox.execution;

import io.runbox.core.BoxCommand;
import io.runbox.core.BoxPrestart;
import io.runbox.core.BoxResult;
import io.runbox.core.ExecListener;
import io.runbox.core.ExecRequest;
import io.runbox.core.ExecResult;
import io.runbox.core.Limits;
import io.runbox.core.Sandbox;
import io.runbox.core.SourceFile;
import io.runbox.core.StageLimits;
import io.runbox.core.StageResult;
import io.runbox.core.Status;
import io.runbox.core.Workspace;
import io.runbox.execution.RequestRejectedException.Reason;
import io.runbox.execution.catalogue.Catalogue;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.execution.compile.CompileCache;
import io.runbox.execution.compile.CompileCarry;
import io.runbox.execution.compile.CompileKey;
import io.runbox.execution.compile.CompiledTree;
import io.runbox.execution.catalogue.LanguageDefinition;
import io.runbox.execution.catalogue.PrestartSpec;
import io.runbox.execution.catalogue.WarmCompileSpec;
import io.runbox.execution.warm.WarmCompile;
import io.runbox.execution.warm.WarmCompileRequest;
import io.runbox.execution.warm.WarmCompilers;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Runs requests: resolve the compiler, validate the files, write them to a workspace, compile in one box (or in a
 * warm compiler of the language, {@link WarmCompilers}, which gives what that box would), then run in a fresh box over
 * what the compile left (within {@link CompileCarry}'s bounds). A successful compile is kept ({@link CompileCache});
 * an identical request (same compiler, options, limits and files) starts from it and reports a compile stage of no
 * time. Thread-safe; callers bound concurrency (the sandbox's uid pool also does). {@link #close} ends the warm
 * compilers.
 */
public final class RequestRunner implements AutoCloseable {
    /** The environment every box starts from; a language's {@code env} is layered on top. */
    public static final Map<String, String> BASE_ENV = Map.of(
            "PATH", "/usr/local/bin:/usr/bin:/bin",
            "HOME", "/tmp",
            "TMPDIR", "/tmp",
            "LANG", "C.UTF-8",
            "LC_ALL", "C.UTF-8",
            "USER", "runner");

    private final Catalogue catalogue;
    private final Sandbox sandbox;
    private final ExecutionConfig config;
    private final LimitResolver limits;
    private final CompileCache compileCache;
    private final WarmCompilers warmCompilers;

    public RequestRunner(Catalogue catalogue, Sandbox sandbox, ExecutionConfig config) {
        this.catalogue = catalogue;
        this.sandbox = sandbox;
        this.config = config;
        this.limits = new LimitResolver(config);
        this.compileCache = new CompileCache(config.compileCacheBytes());
        this.warmCompilers = new WarmCompilers(sandbox, config.warmCompilers());
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    /** The warm compilers (compiles served, fallbacks and memory for metrics). */
    public WarmCompilers warmCompilers() {
        return warmCompilers;
    }

    /** Compiled programs kept for identical requests (hits, misses and size for metrics). */
    public CompileCache compileCache() {
        return compileCache;
    }

    /**
     * Executes a request to completion.
     *
     * @throws RequestRejectedException when the request is invalid; nothing ran
     */
    public ExecResult execute(ExecRequest request) throws RequestRejectedException {
        return execute(request, null);
    }

    /**
     * Executes a request, telling {@code listener} (when not {@code null}) which stage starts and giving it
     * the run stage's live input and output. Interrupting the calling thread kills the running box; the stage
     * it stopped ends {@link Status#KILLED}.
     *
     * @throws RequestRejectedException when the request is invalid; nothing ran
     */
    public ExecResult execute(ExecRequest request, ExecListener listener) throws RequestRejectedException {
        Compiler compiler = validate(request);
        LanguageDefinition lang = compiler.language();
        StageLimits stageLimits = limits.resolve(lang, request.limits());

        String entry = request.files().get(0).name();
        List<String> sources = request.files().stream().map(SourceFile::name)
                .filter(n -> lang.extensions().stream().anyMatch(e -> n.endsWith("." + e))).toList();
        Map<String, String> env = BoxEnvironment.env(lang);
        List<String> paths = BoxEnvironment.paths(compiler, config.prefix());
        String root = BoxEnvironment.root(compiler);

        StageResult compile = null;
        try (Workspace ws = sandbox.newWorkspace()) {
            WorkspaceFiles.write(ws.dir(), request.files());
            Workspace runWs = ws;
            Limits runLimits = stageLimits.run();
            try {
                if (lang.isCompiled()) {
                    if (listener != null) {
                        listener.stage("compile");
                    }
                    Limits l = stageLimits.compile();
                    CommandTemplate.Values v = values(compiler, entry, sources, request.compilerOptions(), List.of(), l);
                    List<String> argv = CommandTemplate.expand(lang.compile(), v);
                    String key = compileCache.enabled() ? CompileKey.of(compiler.id(), compiler.version().toString(),
                            argv, env, l, request.files()) : null;
                    CompiledTree tree = key == null ? null : compileCache.get(key);
                    WarmCompile warm = tree != null ? null : warmCompile(compiler, argv, env, paths, l, request,
                            runLimits.memoryBytes());
                    if (tree != null) {
                        compile = tree.cachedCompile();
                        // A kept compile: the run starts from it in a fresh workspace.
                        runWs = sandbox.newWorkspace();
                        tree.writeTo(runWs.dir());
                    } else {
                        BoxResult box = warm != null ? warm.box() : sandbox.run(ws, new BoxCommand(argv, env, null, l, paths).withRoot(root));
                        compile = StageOutcome.of(box, true);
                        if (compile.status() != Status.OK) {
                            return new ExecResult(lang.id(), compiler.version().toString(), compiler.id(), compile, null);
                        }
                        if (warm != null) {
                            // What the warm compiler left: the run starts from it in a fresh workspace.
                            tree = warm.tree().withCompile(compile);
                            runWs = sandbox.newWorkspace();
                            tree.writeTo(runWs.dir());
                        }
                        // The run starts in the compile's own workspace: nothing is copied, and what the compile
                        // left there is charged to the run's memory.
                        CompileCarry.Carried carried = CompileCarry.check(runWs.dir(), runLimits.memoryBytes());
                        if (carried.refusal() != null) {
                            compile = StageOutcome.carryRefused(compile, carried.refusal());
                            return new ExecResult(lang.id(), compiler.version().toString(), compiler.id(), compile, null);
                        }
                        runLimits = carried.charge(runLimits);
                        if (key != null) {
                            compileCache.put(key, tree != null ? tree
                                    : CompiledTree.capture(ws.dir(), compile, compileCache.maxTreeBytes()));
                        }
                    }
                }
                Limits l = runLimits;
                CommandTemplate.Values v = values(compiler, entry, sources, request.compilerOptions(), request.args(), l);
                if (listener != null) {
                    listener.stage("run");
                }
                BoxResult box = sandbox.run(runWs, new BoxCommand(CommandTemplate.expand(lang.run(), v), env, request.stdin(),
                        l, paths, listener == null ? null : listener.runIo(),
                        prestart(lang, v), root));
                return new ExecResult(lang.id(), compiler.version().toString(), compiler.id(), compile,
                        StageOutcome.of(box, false));
            } finally {
                if (runWs != ws) {
                    runWs.close();
                }
            }
        } catch (IOException e) {
            // The calling thread was interrupted: its caller stopped the execution, nothing in Runbox failed.
            StageResult failed = Thread.currentThread().isInterrupted() ? StageOutcome.killed()
                    : StageOutcome.internalError(e);
            boolean duringCompile = lang.isCompiled() && compile == null;
            return new ExecResult(lang.id(), compiler.version().toString(), compiler.id(),
                    duringCompile ? failed : compile, duringCompile ? null : failed);
        }
    }

    /**
     * The compile served by a warm compiler of the language, or {@code null} when it has none, the request's options
     * or files keep it away, or none could serve it now: then it compiles in a box of its own.
     */
    private WarmCompile warmCompile(Compiler compiler, List<String> argv, Map<String, String> env, List<String> paths,
                                    Limits l, ExecRequest request, long runMemoryBytes) throws IOException {
        LanguageDefinition lang = compiler.language();
        WarmCompileSpec spec = lang.warmCompile();
        if (spec == null || !spec.accepts(request.compilerOptions(),
                request.files().stream().map(SourceFile::name).toList())) {
            return null;
        }
        CommandTemplate.Values v = values(compiler, spec.driverName(), List.of(spec.driverName()), List.of(), List.of(),
                l);
        WarmCompileRequest warm = new WarmCompileRequest(compiler.id(),
                new BoxCommand(CommandTemplate.expand(spec.command(), v), env, null, l, paths)
                        .withRoot(BoxEnvironment.root(compiler)),
                spec.driverFile(lang.dir()), spec.driverName(), argv.subList(1, argv.size()), request.files());
        return warmCompilers.compile(warm, CompileCarry.maxBytes(runMemoryBytes));
    }

    /** Kills the warm compilers; runs in progress end as they would. */
    @Override
    public void close() {
        warmCompilers.close();
    }

    /**
     * Checks a request as {@link #execute} would, without running it: the language and version resolve, the
     * sizes are within bounds, the file names are safe.
     *
     * @return the compiler it would run with
     */
    public Compiler validate(ExecRequest request) throws RequestRejectedException {
        Compiler compiler = catalogue.resolve(request.language(), request.version());
        checkSizes(request);
        FileNames.validate(request.files().stream().map(SourceFile::name).toList());
        return compiler;
    }

    /** How the run stage's runtime may be started ahead: the language's hook, its command expanded as the run's. */
    private static BoxPrestart prestart(LanguageDefinition lang, CommandTemplate.Values v) {
        PrestartSpec spec = lang.prestart();
        return spec == null ? null
                : spec.forBox(lang.dir(), spec.command() == null ? null : CommandTemplate.expand(spec.command(), v));
    }

    private CommandTemplate.Values values(Compiler compiler, String entry, List<String> sources, List<String> options,
                                          List<String> args, Limits l) {
        return new CommandTemplate.Values(compiler, config.prefix().toString(), entry, sources, options, args,
                l.memoryBytes());
    }

    private void checkSizes(ExecRequest request) throws RequestRejectedException {
        if (request.files().isEmpty()) {
            throw new RequestRejectedException(Reason.INVALID, "no code: give code or at least one file");
        }
        if (request.files().size() > config.maxFiles()) {
            throw new RequestRejectedException(Reason.TOO_LARGE,
                    request.files().size() + " files; at most " + config.maxFiles() + " are accepted");
        }
        long total = request.files().stream().mapToLong(f -> f.content().length).sum();
        if (total > config.maxCodeBytes()) {
            throw new RequestRejectedException(Reason.TOO_LARGE,
                    "code is " + total + " bytes; at most " + config.maxCodeBytes() + " are accepted");
        }
        if (request.stdin().length > config.maxStdinBytes()) {
            throw new RequestRejectedException(Reason.TOO_LARGE,
                    "stdin is " + request.stdin().length + " bytes; at most " + config.maxStdinBytes() + " are accepted");
        }
    }
}
