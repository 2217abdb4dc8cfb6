package io.runbox.execution.warm;

import io.runbox.core.BoxCommand;
import io.runbox.core.Ids;
import io.runbox.core.Sandbox;
import io.runbox.core.SourceFile;
import io.runbox.execution.session.Session;
import io.runbox.execution.session.SessionEndedException;
import io.runbox.execution.session.SessionReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One warm compiler: its driver running in a box of its own (a {@link Session} owned by Runbox), serving one compile
 * at a time for whoever holds it. Not thread-safe: {@link WarmCompilers} hands it to one caller at a time.
 */
final class CompileServer {
    private final Session session;
    private final Path driverSource;
    private final String driverName;
    private final long startedNanos = System.nanoTime();
    private long idleSinceNanos = startedNanos;
    private int compiles;
    private long replyBytes;

    private CompileServer(Session session, Path driverSource, String driverName) {
        this.session = session;
        this.driverSource = driverSource;
        this.driverName = driverName;
    }

    Path driverSource() {
        return driverSource;
    }

    String driverName() {
        return driverName;
    }

    /**
     * Starts the driver and waits, at most {@code startTimeout}, until it answers {@code ping} (it warms up first).
     *
     * @throws IOException when it did not start or answer; nothing of it is left
     */
    static CompileServer start(Sandbox sandbox, String language, BoxCommand command, Path driverSource,
                               String driverName, Duration startTimeout) throws IOException {
        Session session = Session.startDriver("warm_" + Ids.random(12), language, sandbox, command, driverSource,
                driverName);
        try {
            SessionReply pong = session.call("ping", startTimeout);
            if (pong.timedOut() || pong.exitCode() != 0) {
                throw new IOException("the warm compiler did not answer: " + pong.stderr().strip());
            }
        } catch (SessionEndedException | IOException e) {
            session.close();
            throw e instanceof IOException io ? io : new IOException("the warm compiler ended: " + e.getMessage());
        }
        return new CompileServer(session, driverSource, driverName);
    }

    /**
     * Compiles {@code files} with {@code arguments}, waiting at most {@code timeout}; its workspace then holds what the
     * compile left, until the next compile.
     */
    SessionReply compile(List<String> arguments, List<SourceFile> files, Duration timeout) throws SessionEndedException {
        compiles++;
        List<byte[]> args = new ArrayList<>(1 + 2 * files.size());
        args.add(String.join("\0", arguments).getBytes(StandardCharsets.UTF_8));
        for (SourceFile f : files) {
            args.add(f.name().getBytes(StandardCharsets.UTF_8));
            args.add(f.content());
        }
        SessionReply reply = session.call("compile", timeout, args.toArray(new byte[0][]));
        replyBytes += reply.stdout().length() + reply.stderr().length();
        return reply;
    }

    /** The length of the request line {@link #compile} sends, to be checked against {@link Session#maxCallBytes()}. */
    static long requestBytes(List<String> arguments, List<SourceFile> files) {
        long bytes = "compile ".length() + base64(String.join("\0", arguments).getBytes(StandardCharsets.UTF_8).length);
        for (SourceFile f : files) {
            bytes += 2 + base64(f.name().getBytes(StandardCharsets.UTF_8).length) + base64(f.content().length);
        }
        return bytes;
    }

    private static long base64(long n) {
        return Math.max(1, (n + 2) / 3 * 4);
    }

    Path workspace() {
        return session.workspace();
    }

    long memoryBytes() {
        return session.memoryBytes();
    }

    int compiles() {
        return compiles;
    }

    /** What the driver's replies held so far (its box keeps its output, up to its cap). */
    long replyBytes() {
        return replyBytes;
    }

    long ageNanos() {
        return System.nanoTime() - startedNanos;
    }

    void idleFromNow() {
        idleSinceNanos = System.nanoTime();
    }

    long idleNanos() {
        return System.nanoTime() - idleSinceNanos;
    }

    /** Kills the driver and deletes its workspace. */
    void close() {
        session.close();
    }
}
