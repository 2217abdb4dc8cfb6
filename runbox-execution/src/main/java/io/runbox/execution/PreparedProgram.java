package io.runbox.execution;

import io.runbox.core.BoxIo;
import io.runbox.core.ExecResult;
import io.runbox.core.Limits;
import io.runbox.core.OutputFile;
import io.runbox.core.OutputSpec;
import io.runbox.core.SourceFile;
import io.runbox.core.StageResult;
import io.runbox.core.Workspace;
import io.runbox.execution.compile.CompiledTree;
import io.runbox.execution.outputs.OutputCollector;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A request compiled once ({@link RequestRunner#prepare}) and run any number of times, each run in a fresh workspace
 * from what the compile left (or, for an interpreted language, from the request's files), so no run sees what
 * another wrote. Thread-safe: runs may go in parallel.
 */
public final class PreparedProgram {
    private final RequestRunner runner;
    private final RequestRunner.Plan plan;
    private final StageResult compile;
    private final List<SourceFile> files;
    private final CompiledTree tree;
    private final Limits runLimits;

    PreparedProgram(RequestRunner runner, RequestRunner.Plan plan, StageResult compile, List<SourceFile> files,
                    CompiledTree tree, Limits runLimits) {
        this.runner = runner;
        this.plan = plan;
        this.compile = compile;
        this.files = files;
        this.tree = tree;
        this.runLimits = runLimits;
    }

    /** The compile stage, or {@code null} for an interpreted language. */
    public StageResult compile() {
        return compile;
    }

    /** False when the compile stopped the request (failed, or left what cannot be carried): nothing can run. */
    public boolean runnable() {
        return files != null || tree != null;
    }

    /** The run's limits as resolved for the request (the request's, then the language's and the defaults). */
    public Limits runLimits() {
        return runLimits;
    }

    /** The execution's result with {@code run} as its run stage. */
    public ExecResult result(StageResult run) {
        return plan.result(compile, run);
    }

    /**
     * One run in a fresh workspace: the program, then {@code extra} files (names validated by the caller, none the
     * program's), with {@code limits} (complete; see {@link #runLimits}), killed as a time limit once it used
     * {@code cpuTime} of CPU time ({@code null}: only its wall time ends it), and {@code io} for live input and
     * output or {@code null}. A sandbox failure is an {@code INTERNAL_ERROR} stage; an interrupted caller gets a
     * {@code KILLED} one.
     */
    public StageResult run(byte[] stdin, List<String> args, List<SourceFile> extra, Limits limits,
                           java.time.Duration cpuTime, BoxIo io) {
        return run(stdin, args, extra, limits, cpuTime, io, null).stage();
    }

    /** One run and the files it left. */
    public record Ran(StageResult stage, List<OutputFile> files) {
    }

    /**
     * As {@link #run(byte[], List, List, Limits, java.time.Duration, BoxIo)}, and then the files the run left that
     * {@code outputs} asks for ({@code null}: none are looked for, not even figures).
     */
    public Ran run(byte[] stdin, List<String> args, List<SourceFile> extra, Limits limits, java.time.Duration cpuTime,
                   BoxIo io, OutputSpec outputs) {
        if (!runnable()) {
            throw new IllegalStateException("the compile stopped this program; it cannot run");
        }
        try (Workspace ws = runner.newWorkspace()) {
            if (tree != null) {
                tree.writeTo(ws.dir());
            } else {
                WorkspaceFiles.write(ws.dir(), files);
            }
            WorkspaceFiles.write(ws.dir(), extra);
            Map<String, Long> before = outputs == null ? Map.of() : OutputCollector.snapshot(ws.dir(), outputs);
            StageResult stage = runner.runStage(plan, ws, stdin, args, limits, cpuTime, io);
            return new Ran(stage, outputs == null ? List.of() : OutputCollector.collectOrNone(ws.dir(), outputs, before));
        } catch (IOException e) {
            return new Ran(plan.failed(compile, e).run(), List.of());
        }
    }
}
