package io.runbox.execution;

import io.runbox.core.BoxCommand;
import io.runbox.core.BoxResult;
import io.runbox.core.Sandbox;
import io.runbox.core.Workspace;
import io.runbox.sandbox.fs.Tmpfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * A sandbox whose runs do what the test scripted, one {@link Step} per {@link #run} call in order: return a
 * result, fail to set the box up, or wait until the caller is interrupted, as the real one does. Nothing runs.
 * Workspaces are real: each is a tmpfs of its own under {@code root} (the runner reads a workspace's own
 * filesystem to decide what a compile may pass to its run), written only through the safe file layer; a
 * workspace can be scripted to fail at creation or to hold something before the runner writes to it.
 */
final class ScriptedSandbox implements Sandbox {
    private static final long WORKSPACE_BYTES = 64L << 20;
    private static final long WORKSPACE_INODES = 4096;

    /** What one {@link #run} call does, given the workspace's directory and the command. */
    @FunctionalInterface
    interface Step {
        BoxResult run(Path workspace, BoxCommand command) throws IOException;
    }

    private final Path root;
    private final Deque<Step> steps = new ArrayDeque<>();
    private final List<BoxCommand> commands = new ArrayList<>();
    private final Set<Path> open = ConcurrentHashMap.newKeySet();
    private IOException nextWorkspaceFailure;
    private Consumer<Path> nextWorkspaceContent;
    private int workspaces;

    ScriptedSandbox(Path root) {
        this.root = root;
    }

    /** Queues what the next {@link #run} calls do, in order; a call with nothing queued fails the test. */
    synchronized ScriptedSandbox then(Step... next) {
        steps.addAll(List.of(next));
        return this;
    }

    /** The next {@link #newWorkspace} throws {@code failure}. */
    synchronized ScriptedSandbox failNextWorkspace(IOException failure) {
        nextWorkspaceFailure = failure;
        return this;
    }

    /** The next workspace holds what {@code content} puts in its (empty) directory before the runner sees it. */
    synchronized ScriptedSandbox prefillNextWorkspace(Consumer<Path> content) {
        nextWorkspaceContent = content;
        return this;
    }

    /** Every command the runner asked to run, in order. */
    synchronized List<BoxCommand> commands() {
        return List.copyOf(commands);
    }

    /** Workspaces made and not closed yet. */
    int openWorkspaces() {
        return open.size();
    }

    /** Steps queued and not used. */
    synchronized int unusedSteps() {
        return steps.size();
    }

    @Override
    public synchronized Workspace newWorkspace() throws IOException {
        if (nextWorkspaceFailure != null) {
            IOException e = nextWorkspaceFailure;
            nextWorkspaceFailure = null;
            throw e;
        }
        Path dir = Files.createDirectory(root.resolve("ws-" + workspaces++));
        Tmpfs.mount(dir, WORKSPACE_BYTES, WORKSPACE_INODES);
        open.add(dir);
        if (nextWorkspaceContent != null) {
            nextWorkspaceContent.accept(dir);
            nextWorkspaceContent = null;
        }
        return new Workspace() {
            @Override
            public Path dir() {
                return dir;
            }

            @Override
            public void close() {
                try {
                    Tmpfs.discard(dir);
                } catch (IOException e) {
                    throw new IllegalStateException("the test could not discard " + dir, e);
                }
                open.remove(dir);
            }
        };
    }

    @Override
    public BoxResult run(Workspace workspace, BoxCommand command) throws IOException {
        Step step;
        synchronized (this) {
            if (!open.contains(workspace.dir())) {
                throw new AssertionError("a run over a workspace that is closed or not this sandbox's: " + workspace.dir());
            }
            commands.add(command);
            step = steps.poll();
        }
        if (step == null) {
            throw new AssertionError("no step scripted for run " + commands.size() + ": " + command.argv());
        }
        return step.run(workspace.dir(), command);
    }

    @Override
    public String describe() {
        return "scripted";
    }

    /** The program exited with {@code exitCode}, having written {@code stdout} and {@code stderr}. */
    static Step exits(int exitCode, String stdout, String stderr) {
        return returns(result(exitCode, stdout, stderr, null, false, false, false));
    }

    /** The sandbox observed {@code result}. */
    static Step returns(BoxResult result) {
        return (ws, command) -> result;
    }

    /** The box could not be set up: the program did not run. */
    static Step cannotSetUp(String why) {
        return (ws, command) -> {
            throw new IOException(why);
        };
    }

    /**
     * The program runs until the calling thread is interrupted (counting {@code started} down once it runs);
     * then, as the real sandbox, the box is killed and the call throws with the thread's interrupt flag set.
     */
    static Step runsUntilInterrupted(CountDownLatch started) {
        return (ws, command) -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
                throw new AssertionError("unreachable");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the box ran", e);
            }
        };
    }

    /** Writes {@code content} to {@code name} in the workspace (as a compiler writes its output), then does {@code then}. */
    static Step writes(String name, String content, Step then) {
        return (ws, command) -> {
            Files.writeString(ws.resolve(name), content, StandardCharsets.UTF_8);
            return then.run(ws, command);
        };
    }

    /** A sandbox's observation with the given facts and fixed, recognisable usage figures. */
    static BoxResult result(int exitCode, String stdout, String stderr, Integer signal, boolean timedOut, boolean oomKilled,
                            boolean outputLimitHit) {
        return new BoxResult(stdout.getBytes(StandardCharsets.UTF_8), stderr.getBytes(StandardCharsets.UTF_8),
                outputLimitHit, exitCode, signal, timedOut, oomKilled, 1234, 567, 8L << 20);
    }
}
