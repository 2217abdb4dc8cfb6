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
import io.runbox.execution.outputs.Globs;
import io.runbox.execution.outputs.OutputCollector;
import io.runbox.execution.compile.CompileCache;
import io.runbox.execution.compile.CompileCarry;
import io.runbox.execution.compile.CompileKey;
import io.runbox.execution.compile.CompiledTree;
import io.runbox.execution.diagnostics.Diagnostics;
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
        Plan plan = plan(compiler, request);
        LanguageDefinition lang = compiler.language();
        StageResult compile = null;
        try (Workspace ws = sandbox.newWorkspace()) {
            WorkspaceFiles.write(ws.dir(), request.files());
            Workspace runWs = ws;
            try {
                Limits runLimits = plan.limits().run();
                if (lang.isCompiled()) {
                    Compiled c = compile(plan, request, ws, listener);
                    compile = c.stage();
                    if (c.refused()) {
                        return plan.result(compile, null);
                    }
                    runLimits = c.runLimits();
                    if (c.tree() != null) {
                        // A kept or warm compile: the run starts from it in a fresh workspace.
                        runWs = sandbox.newWorkspace();
                        c.tree().writeTo(runWs.dir());
                        if (c.carryUnchecked()) {
                            CompileCarry.Carried carried = CompileCarry.check(runWs.dir(), runLimits.memoryBytes());
                            if (carried.refusal() != null) {
                                return plan.result(StageOutcome.carryRefused(compile, carried.refusal()), null);
                            }
                            runLimits = carried.charge(runLimits);
                        }
                    }
                }
                if (listener != null) {
                    listener.stage("run");
                }
                Map<String, Long> before = OutputCollector.snapshot(runWs.dir(), request.outputs());
                StageResult run = runStage(plan, runWs, request.stdin(), request.args(), runLimits, null,
                        listener == null ? null : listener.runIo());
                return plan.result(compile, run).withFiles(OutputCollector.collectOrNone(runWs.dir(), request.outputs(),
                        before));
            } finally {
                if (runWs != ws) {
                    runWs.close();
                }
            }
        } catch (IOException e) {
            return plan.failed(compile, e);
        }
    }

    /**
     * Compiles a request once for many runs ({@link PreparedProgram#run}), each in a fresh workspace from what the
     * compile left (read through the safe file layer, within {@link CompileCarry}'s bounds); an interpreted
     * language's program is its files. A compile that failed, or left what cannot be carried (a link, a FIFO, too
     * much), gives a program that only reports its compile stage.
     *
     * @throws RequestRejectedException when the request is invalid; nothing ran
     */
    public PreparedProgram prepare(ExecRequest request) throws RequestRejectedException {
        Compiler compiler = validate(request);
        Plan plan = plan(compiler, request);
        if (!compiler.language().isCompiled()) {
            return new PreparedProgram(this, plan, null, request.files(), null, plan.limits().run());
        }
        StageResult compile = null;
        try (Workspace ws = sandbox.newWorkspace()) {
            WorkspaceFiles.write(ws.dir(), request.files());
            Compiled c = compile(plan, request, ws, null);
            compile = c.stage();
            if (c.refused()) {
                return new PreparedProgram(this, plan, compile, null, null, null);
            }
            Limits runLimits = c.runLimits();
            CompiledTree tree = c.tree();
            if (c.carryUnchecked()) {
                try (Workspace check = sandbox.newWorkspace()) {
                    tree.writeTo(check.dir());
                    CompileCarry.Carried carried = CompileCarry.check(check.dir(), runLimits.memoryBytes());
                    if (carried.refusal() != null) {
                        return new PreparedProgram(this, plan, StageOutcome.carryRefused(compile, carried.refusal()),
                                null, null, null);
                    }
                    runLimits = carried.charge(runLimits);
                }
            }
            if (tree == null) {
                tree = CompiledTree.capture(ws.dir(), compile, CompileCarry.maxBytes(plan.limits().run().memoryBytes()));
            }
            if (tree == null) {
                return new PreparedProgram(this, plan, StageOutcome.carryRefused(compile,
                        "the compile left a link, a FIFO or too much in the workspace to start several runs from it"),
                        null, null, null);
            }
            return new PreparedProgram(this, plan, compile, null, tree, runLimits);
        } catch (IOException e) {
            ExecResult failed = plan.failed(compile, e);
            return new PreparedProgram(this, plan, failed.compile(), null, null, null);
        }
    }

    /** What {@link #execute} and {@link #prepare} resolve of a request before anything runs. */
    record Plan(Compiler compiler, StageLimits limits, String entry, List<String> sources, List<String> options,
                Map<String, String> env, List<String> paths, String root) {
        ExecResult result(StageResult compile, StageResult run) {
            return new ExecResult(compiler.language().id(), compiler.version().toString(), compiler.id(), compile, run);
        }

        /**
         * A stage the sandbox could not carry out, or that its caller stopped (the calling thread was interrupted):
         * the compile stage when it had not ended, else the run.
         */
        ExecResult failed(StageResult compile, IOException e) {
            StageResult failed = Thread.currentThread().isInterrupted() ? StageOutcome.killed()
                    : StageOutcome.internalError(e);
            boolean duringCompile = compiler.language().isCompiled() && compile == null;
            return result(duringCompile ? failed : compile, duringCompile ? null : failed);
        }
    }

    private Plan plan(Compiler compiler, ExecRequest request) {
        LanguageDefinition lang = compiler.language();
        List<String> sources = request.files().stream().map(SourceFile::name)
                .filter(n -> lang.extensions().stream().anyMatch(e -> n.endsWith("." + e))).toList();
        return new Plan(compiler, limits.resolve(lang, request.limits()), request.files().get(0).name(), sources,
                request.compilerOptions(), BoxEnvironment.env(lang, config.prefix()), BoxEnvironment.paths(compiler, config.prefix()),
                BoxEnvironment.root(compiler));
    }

    /**
     * A compile's outcome: its stage; whether it stopped the request; the tree a kept or warm compile left (else the
     * run starts in the compile's own workspace); the run's limits, charged for what the compile left in its own
     * workspace; whether the tree (a warm compiler's) is still to be checked against {@link CompileCarry} once written.
     */
    private record Compiled(StageResult stage, boolean refused, CompiledTree tree, Limits runLimits,
                            boolean carryUnchecked) {
    }

    /** The compile stage in {@code ws}, which holds the request's files: from the cache, a warm compiler or a box. */
    private Compiled compile(Plan plan, ExecRequest request, Workspace ws, ExecListener listener) throws IOException {
        if (listener != null) {
            listener.stage("compile");
        }
        Compiler compiler = plan.compiler();
        Limits l = plan.limits().compile();
        Limits runLimits = plan.limits().run();
        List<String> argv = CommandTemplate.expand(compiler.language().compile(), values(plan, List.of(), l));
        String key = compileCache.enabled() ? CompileKey.of(compiler.id(), compiler.version().toString(),
                argv, plan.env(), l, request.files()) : null;
        CompiledTree tree = key == null ? null : compileCache.get(key);
        if (tree != null) {
            return new Compiled(tree.cachedCompile(), false, tree, runLimits, false);
        }
        WarmCompile warm = warmCompile(compiler, argv, plan.env(), plan.paths(), l, request, runLimits.memoryBytes());
        BoxResult box = warm != null ? warm.box()
                : sandbox.run(ws, new BoxCommand(argv, plan.env(), null, l, plan.paths()).withRoot(plan.root()));
        StageResult compile = Diagnostics.read(compiler.language(), "compile", StageOutcome.of(box, true),
                plan.sources());
        if (compile.status() != Status.OK) {
            return new Compiled(compile, true, null, runLimits, false);
        }
        if (warm != null) {
            tree = warm.tree().withCompile(compile);
        } else {
            // The run may start in the compile's own workspace: nothing is copied, and what the compile left there is
            // charged to the run's memory.
            CompileCarry.Carried carried = CompileCarry.check(ws.dir(), runLimits.memoryBytes());
            if (carried.refusal() != null) {
                return new Compiled(StageOutcome.carryRefused(compile, carried.refusal()), true, null, runLimits, false);
            }
            runLimits = carried.charge(runLimits);
        }
        if (key != null) {
            compileCache.put(key, tree != null ? tree
                    : CompiledTree.capture(ws.dir(), compile, compileCache.maxTreeBytes()));
        }
        return new Compiled(compile, false, tree, runLimits, warm != null);
    }

    /** The run stage in {@code ws}, which holds the program. */
    StageResult runStage(Plan plan, Workspace ws, byte[] stdin, List<String> args, Limits l, java.time.Duration cpuTime,
                         io.runbox.core.BoxIo io) throws IOException {
        LanguageDefinition lang = plan.compiler().language();
        CommandTemplate.Values v = values(plan, args, l);
        BoxResult box = sandbox.run(ws, new BoxCommand(CommandTemplate.expand(lang.run(), v), plan.env(), stdin,
                l, plan.paths(), io, prestart(lang, v), plan.root(), cpuTime));
        return Diagnostics.read(lang, "run", StageOutcome.of(box, false), plan.sources());
    }

    /** A fresh workspace for one run of a prepared program. */
    Workspace newWorkspace() throws IOException {
        return sandbox.newWorkspace();
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
        Globs.of(request.outputs().globs());
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

    private CommandTemplate.Values values(Plan plan, List<String> args, Limits l) {
        return values(plan.compiler(), plan.entry(), plan.sources(), plan.options(), args, l);
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
