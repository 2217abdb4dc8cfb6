package io.runbox.execution.session;

import io.runbox.core.BoxCommand;
import io.runbox.core.BoxResult;
import io.runbox.core.OutputSpec;
import io.runbox.core.QueuedInput;
import io.runbox.core.Sandbox;
import io.runbox.core.Workspace;
import io.runbox.execution.outputs.OutputCollector;
import io.runbox.sandbox.fs.BoxTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * One live session: a box running the language's driver in a background thread, its workspace, and the
 * channel to the driver. Calls are one at a time.
 *
 * <p>The background thread is a platform thread: it holds the box for the session's whole life (hours, mostly
 * waiting), and one exists per live session, so their number is bounded by the sessions a node allows.
 */
public final class Session {
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private final String id;
    private final String owner;
    private final String language;
    private final String compilerId;
    private final Instant created;
    private final Sandbox sandbox;
    private final BoxCommand command;
    private final Path driverSource;
    private final String driverName;
    private volatile Instant lastUsed;
    private Workspace workspace;
    private DriverChannel channel;
    private Thread box;
    /** A user's session starts its driver over after a call's timeout; a driver of Runbox's own just ends. */
    private boolean restartsAfterTimeout = true;

    Session(String id, String owner, String language, String compilerId, Sandbox sandbox, BoxCommand command,
            Path driverSource, String driverName) {
        this.id = id;
        this.owner = owner;
        this.language = language;
        this.compilerId = compilerId;
        this.sandbox = sandbox;
        this.command = command;
        this.driverSource = driverSource;
        this.driverName = driverName;
        this.created = Instant.now();
        this.lastUsed = created;
    }

    public String id() {
        return id;
    }

    public String owner() {
        return owner;
    }

    public String language() {
        return language;
    }

    /** The compiler the session's driver runs on, such as {@code python-3.13}. */
    public String compilerId() {
        return compilerId;
    }

    public Instant created() {
        return created;
    }

    public Instant lastUsed() {
        return lastUsed;
    }

    /** Memory the session's processes use now, in bytes. */
    public long memoryBytes() {
        DriverChannel ch = channel;
        return ch == null ? 0 : ch.memoryBytes();
    }

    public Path workspace() {
        return workspace.dir();
    }

    /** Makes the workspace, writes the driver and starts it; when any of it fails, nothing of the session is left. */
    synchronized void start() throws IOException {
        workspace = sandbox.newWorkspace();
        try {
            try (BoxTree tree = BoxTree.open(workspace.dir())) {
                tree.writeFile(driverName, Files.readAllBytes(driverSource), 0644);
            }
            boot();
        } catch (IOException | RuntimeException | Error e) {
            workspace.close();
            throw e;
        }
    }

    /**
     * Starts the driver in a new box with a new channel. The box's end is recorded on that channel only: a box
     * of an earlier start that ends late (after {@link #stopBox} stopped waiting for it) cannot mark this one
     * ended.
     */
    private void boot() {
        DriverChannel ch = new DriverChannel();
        channel = ch;
        BoxCommand cmd = new BoxCommand(command.argv(), command.env(), null, command.limits(), command.paths(), ch)
                .withRoot(command.root());
        box = Thread.ofPlatform().name("runbox-session-" + id).daemon(true).start(() -> {
            try {
                ch.end(sandbox.run(workspace, cmd));
            } catch (IOException | RuntimeException e) {
                ch.end(new BoxResult(new byte[0], String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8),
                        false, 125, null, false, false, 0, 0, 0));
            }
        });
    }

    /**
     * Starts a driver that is not a user's session (a warm compiler, say): a session owned by Runbox itself, outside
     * the {@link SessionManager}'s caps, which its caller closes.
     *
     * @param driverSource the driver's file on the host, copied into the workspace as {@code driverName}
     * @param command      starts the driver in the workspace, with its limits (its wall time is its lifetime)
     */
    public static Session startDriver(String id, String language, Sandbox sandbox, BoxCommand command,
                                      Path driverSource, String driverName) throws IOException {
        Session s = new Session(id, "runbox", language, language, sandbox, command, driverSource, driverName);
        s.restartsAfterTimeout = false;
        s.start();
        return s;
    }

    /** The most a call's line may hold: its operation, then its arguments in base64, separated by spaces. */
    public static long maxCallBytes() {
        return DriverChannel.MAX_REQUEST_BYTES;
    }

    /** Runs one call's code in the session's state; its reply carries the figures it showed. */
    public synchronized SessionReply execute(String code, Duration timeout) throws SessionEndedException {
        return execute(code, timeout, OutputSpec.NONE);
    }

    /**
     * Runs one call's code in the session's state; its reply carries the workspace's files {@code outputs} asks for
     * (patterns checked by the caller, {@link io.runbox.execution.outputs.Globs#of}) and the figures it showed,
     * collected after the call through the safe file layer. A workspace that cannot be read costs the call its
     * files, never its reply.
     */
    public synchronized SessionReply execute(String code, Duration timeout, OutputSpec outputs)
            throws SessionEndedException {
        Map<String, Long> before;
        try {
            before = OutputCollector.snapshot(workspace.dir(), outputs);
        } catch (IOException | RuntimeException e) {
            before = Map.of();
        }
        SessionReply reply = call("exec", timeout, code.getBytes(StandardCharsets.UTF_8));
        return reply.withFiles(OutputCollector.collectOrNone(workspace.dir(), outputs, before));
    }

    /** Writes a file into the workspace as the session's own user. */
    public synchronized SessionReply writeFile(String name, byte[] content, Duration timeout) throws SessionEndedException {
        return content.length == 0 ? call("write", timeout, name.getBytes(StandardCharsets.UTF_8))
                : call("write", timeout, name.getBytes(StandardCharsets.UTF_8), content);
    }

    /**
     * Sends the driver one request, {@code op} and its arguments (each base64-encoded on the line, {@code -} for an
     * empty one), and waits for its
     * reply, at most {@code timeout}: past it the driver is started over and the reply says so ({@code timedOut}).
     * A line over {@link #maxCallBytes()} is not sent: the reply is exit 1 saying so. A driver started by
     * {@link #startDriver} is not started over: it has ended, and the next call throws.
     */
    public synchronized SessionReply call(String op, Duration timeout, byte[]... args) throws SessionEndedException {
        StringBuilder line = new StringBuilder(op);
        for (byte[] a : args) {
            line.append(' ').append(a.length == 0 ? "-" : B64.encodeToString(a));
        }
        return call(line.toString(), timeout);
    }

    private SessionReply call(String request, Duration timeout) throws SessionEndedException {
        checkAlive();
        lastUsed = Instant.now();
        long t0 = System.nanoTime();
        DriverChannel ch = channel;
        QueuedInput.Offer sent = ch.send(request);
        if (sent == QueuedInput.Offer.CLOSED) {
            throw new SessionEndedException("session " + id + " has ended; create a new session");
        }
        if (sent == QueuedInput.Offer.FULL) {
            return new SessionReply(1, "", "this call is " + request.length() + " bytes encoded; a session takes at most "
                    + DriverChannel.MAX_REQUEST_BYTES + " per call\n", 0, false, false, false, -1, null, null);
        }
        DriverChannel.Reply reply;
        try {
            reply = ch.await(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionEndedException("interrupted");
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        lastUsed = Instant.now();
        if (reply == null) {
            // The interpreter cannot be interrupted from outside cleanly: start it over, and say so.
            stopBox();
            if (restartsAfterTimeout) {
                boot();
            }
            return new SessionReply(124, "", "the call passed its " + timeout.toMillis() + " ms limit; the session"
                    + " was restarted and its state is lost\n", ms, true, true, false, -1, null, null);
        }
        if (reply == DriverChannel.ENDED) {
            checkAlive();
        }
        return new SessionReply(reply.exitCode(), reply.stdout(), reply.stderr(), ms, false, false, false, reply.cpuMs(),
                reply.table(), null);
    }

    private void checkAlive() throws SessionEndedException {
        BoxResult r = channel.ended();
        if (r != null) {
            String why = r.oomKilled() ? "it ran out of memory (exit 137)" : r.timedOut() ? "it reached its maximum lifetime"
                    : "its interpreter exited with code " + r.exitCode();
            throw new SessionEndedException("session " + id + " has ended: " + why + "; its state is lost, create a new"
                    + " session");
        }
    }

    private void stopBox() {
        channel.close();
        box.interrupt();
        try {
            box.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the interpreter and deletes the workspace. */
    public synchronized void close() {
        stopBox();
        workspace.close();
    }
}
