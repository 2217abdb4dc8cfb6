package io.runbox.execution.warm;

import io.runbox.core.BoxCommand;
import io.runbox.core.BoxResult;
import io.runbox.core.Limits;
import io.runbox.core.Sandbox;
import io.runbox.core.SourceFile;
import io.runbox.execution.compile.CompiledTree;
import io.runbox.execution.session.Session;
import io.runbox.execution.session.SessionEndedException;
import io.runbox.execution.session.SessionReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm compilers of one engine: at most {@code max} in all, whatever the compilers and limits requests ask for
 * (each compiler, driver command and limits has its own), started on the first compile that finds none idle for it
 * (that compile runs in a box of its own meanwhile; at the cap, the compiler idle longest makes room; one starts at a
 * time in all, so no caller can queue starts), each serving one compile at a time. A compiler is retired after {@value #RECYCLE_AFTER} compiles, {@link #LIFETIME}, {@link #MAX_REPLY_BYTES}
 * of replies, when idle for {@link #IDLE}, and at once after any compile that did not end with the compiler's own
 * answer (a timeout, its box's end, a failure of the compiler itself). Thread-safe.
 *
 * <p>What a warm compiler serves is what a box of its own would give: the compile's exit code, what it printed and
 * what it left in the workspace (read through the safe file layer, as the compile cache reads a compile's box).
 * Anything else is left to a box of its own: {@link #compile} returns {@code null}, and the caller compiles there.
 */
public final class WarmCompilers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WarmCompilers.class);
    /** Compiles one warm compiler serves before it is started over. */
    public static final int RECYCLE_AFTER = 200;
    /** How long one warm compiler lives at most. */
    public static final Duration LIFETIME = Duration.ofMinutes(10);
    /** How long a warm compiler nobody used lives on. */
    public static final Duration IDLE = Duration.ofMinutes(3);
    /** What one warm compiler's replies may hold over its life (its box keeps its output, as every box does). */
    static final long MAX_REPLY_BYTES = 16L << 20;
    /** How long a new warm compiler may take to start and warm up. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Sandbox sandbox;
    private final int max;
    private final Map<Key, Pool> pools = new HashMap<>();
    private final ExecutorService starter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "runbox-warm-compiler-start");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "runbox-warm-compiler-reap");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong fellBack = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private boolean closed;
    /** A warm compiler is starting: no other start is scheduled meanwhile. */
    private boolean startPending;

    /**
     * Which warm compilers may serve a compile: the same compiler, driver command, environment, paths and limits
     * (the fields of its command, not the command: a command's stdin is an array, which records compare by identity).
     */
    private record Key(String compilerId, List<String> argv, Map<String, String> env, List<String> paths, Limits limits,
                       String root) {
        static Key of(String compilerId, BoxCommand server) {
            return new Key(compilerId, server.argv(), server.env(), server.paths(), server.limits(), server.root());
        }

        BoxCommand server() {
            return new BoxCommand(argv, env, null, limits, paths).withRoot(root);
        }
    }

    /** The warm compilers of one key: those idle, and how many exist or are starting. */
    private static final class Pool {
        final ArrayDeque<CompileServer> idle = new ArrayDeque<>();
        int live;
    }

    /** @param max warm compilers in all; 0 starts none */
    public WarmCompilers(Sandbox sandbox, int max) {
        this.sandbox = sandbox;
        this.max = Math.max(0, max);
        reaper.scheduleWithFixedDelay(this::reap, 30, 30, TimeUnit.SECONDS);
    }

    /**
     * Compiles {@code request} in an idle warm compiler, or returns {@code null} when none may serve it now (none
     * idle, the request too large for one call, the compiler failed, what it left is over {@code maxTreeBytes} or not
     * only files and directories, what it printed is over the compile's output cap): the caller compiles it in a box
     * of its own, which decides every such case as it always has.
     *
     * @param maxTreeBytes the most the compile's workspace may hold to be carried to the run
     */
    public WarmCompile compile(WarmCompileRequest request, long maxTreeBytes) throws IOException {
        Limits limits = request.server().limits();
        if (CompileServer.requestBytes(request.arguments(), request.files()) > Session.maxCallBytes()) {
            return null;
        }
        Key key = Key.of(request.compilerId(), serverCommand(request.server()));
        CompileServer server = take(key, request);
        if (server == null) {
            return null;
        }
        boolean keep = false;
        try {
            long t0 = System.nanoTime();
            SessionReply reply;
            try {
                reply = server.compile(request.arguments(), request.files(), limits.wallTime());
            } catch (SessionEndedException e) {
                fellBack.incrementAndGet();
                return null;
            }
            long wallMs = (System.nanoTime() - t0) / 1_000_000;
            byte[] stdout = reply.stdout().getBytes(StandardCharsets.UTF_8);
            byte[] stderr = reply.stderr().getBytes(StandardCharsets.UTF_8);
            long cpuMs = reply.cpuMs() >= 0 ? reply.cpuMs() : wallMs;
            if (reply.timedOut()) {
                served.incrementAndGet();
                return new WarmCompile(new BoxResult(new byte[0], new byte[0], false, 124, null, true, false,
                        wallMs, cpuMs, server.memoryBytes()), null);
            }
            if (reply.exitCode() < 0 || reply.exitCode() > 2 || stdout.length > limits.outputBytes()
                    || stderr.length > limits.outputBytes()) {
                fellBack.incrementAndGet();
                return null;
            }
            BoxResult box = new BoxResult(stdout, stderr, false, reply.exitCode(), null, false, false, wallMs, cpuMs,
                    server.memoryBytes());
            CompiledTree tree = null;
            if (reply.exitCode() == 0) {
                tree = CompiledTree.capture(server.workspace(), null, maxTreeBytes);
                if (tree == null) {
                    // Over the bound, or a link, FIFO or device, which a compiler does not make: not one to keep.
                    fellBack.incrementAndGet();
                    return null;
                }
            }
            keep = true;
            served.incrementAndGet();
            return new WarmCompile(box, tree);
        } finally {
            giveBack(key, server, keep);
        }
    }

    /** The driver's command with a warm compiler's own limits: its lifetime as wall time, room for its replies. */
    private static BoxCommand serverCommand(BoxCommand server) {
        Limits l = server.limits();
        Limits own = l.withWallTime(LIFETIME.plusMinutes(1)).withOutputBytes(2 * MAX_REPLY_BYTES + 4 * l.outputBytes());
        return new BoxCommand(server.argv(), server.env(), null, own, server.paths()).withRoot(server.root());
    }

    /**
     * An idle warm compiler for {@code key}, or {@code null}; then one is started for later if there is room, or if
     * another key's compiler idle longest can make room.
     */
    private CompileServer take(Key key, WarmCompileRequest request) {
        CompileServer evicted = null;
        synchronized (this) {
            if (closed || max == 0) {
                return null;
            }
            Pool pool = pools.computeIfAbsent(key, k -> new Pool());
            CompileServer idle = pool.idle.pollFirst();
            if (idle != null) {
                return idle;
            }
            if (startPending) {
                return null; // one starts at a time, so that no caller can queue starts (each a JVM's warm-up)
            }
            if (live() >= max) {
                // Another key's idle compiler makes room for this key's first; a key's second waits for room.
                evicted = pool.live == 0 ? evictIdlest() : null;
                if (evicted == null) {
                    return null;
                }
            }
            pool.live++;
            startPending = true;
        }
        if (evicted != null) {
            evicted.close();
        }
        Path driverSource = request.driverSource();
        String driverName = request.driverName();
        starter.execute(() -> startInto(key, driverSource, driverName));
        return null;
    }

    /** Takes the compiler idle longest out of its pool (called with this lock held), or {@code null} if none is idle. */
    private CompileServer evictIdlest() {
        Pool from = null;
        for (Pool p : pools.values()) {
            if (!p.idle.isEmpty() && (from == null || p.idle.peekLast().idleNanos() > from.idle.peekLast().idleNanos())) {
                from = p;
            }
        }
        if (from == null) {
            return null;
        }
        from.live--;
        return from.idle.pollLast();
    }

    /** Starts a warm compiler for {@code key} (the one start pending) and gives it to its pool. */
    private void startInto(Key key, Path driverSource, String driverName) {
        CompileServer server = null;
        try {
            server = CompileServer.start(sandbox, key.compilerId(), key.server(), driverSource, driverName,
                    START_TIMEOUT);
            started.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            LOG.warn("a warm compiler for {} did not start: {}", key.compilerId(), e.getMessage());
        }
        synchronized (this) {
            startPending = false;
        }
        giveBack(key, server, server != null);
    }

    /** Returns a warm compiler to its pool, or retires it (also when this is closed); {@code null}: one failed to start. */
    private void giveBack(Key key, CompileServer server, boolean keep) {
        boolean worn = server != null && (server.compiles() >= RECYCLE_AFTER || server.ageNanos() >= LIFETIME.toNanos()
                || server.replyBytes() >= MAX_REPLY_BYTES);
        boolean replace = false;
        synchronized (this) {
            Pool pool = pools.get(key);
            if (keep && !worn && !closed && pool != null) {
                server.idleFromNow();
                pool.idle.addFirst(server);
                return;
            }
            if (pool != null) {
                // A compiler worn out by its service is replaced at once; one that failed, on the next compile.
                replace = keep && worn && !closed && !startPending;
                if (replace) {
                    startPending = true;
                } else {
                    pool.live--;
                }
            }
        }
        if (server != null) {
            server.close();
        }
        if (replace) {
            starter.execute(() -> startInto(key, server.driverSource(), server.driverName()));
        }
    }

    /** Retires warm compilers idle too long or too old. */
    private void reap() {
        List<CompileServer> old = new ArrayList<>();
        synchronized (this) {
            for (Pool pool : pools.values()) {
                pool.idle.removeIf(s -> {
                    boolean due = s.idleNanos() >= IDLE.toNanos() || s.ageNanos() >= LIFETIME.toNanos();
                    if (due) {
                        old.add(s);
                        pool.live--;
                    }
                    return due;
                });
            }
        }
        old.forEach(CompileServer::close);
        synchronized (this) {
            pools.values().removeIf(p -> p.live == 0);
        }
    }

    /** Compiles warm compilers served. */
    public long served() {
        return served.get();
    }

    /** Compiles a warm compiler took and then left to a box of their own. */
    public long fellBack() {
        return fellBack.get();
    }

    /** Warm compilers started so far. */
    public long started() {
        return started.get();
    }

    /** Warm compilers that exist or are starting. */
    public synchronized int live() {
        return pools.values().stream().mapToInt(p -> p.live).sum();
    }

    /** Memory the idle warm compilers hold now, in bytes. */
    public synchronized long idleMemoryBytes() {
        return pools.values().stream().flatMap(p -> p.idle.stream()).mapToLong(CompileServer::memoryBytes).sum();
    }

    /** Kills every warm compiler; compiles in progress end as they would, and their compilers are then retired. */
    @Override
    public void close() {
        List<CompileServer> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            pools.values().forEach(p -> {
                all.addAll(p.idle);
                p.live -= p.idle.size();
                p.idle.clear();
            });
        }
        starter.shutdownNow();
        reaper.shutdownNow();
        all.forEach(CompileServer::close);
    }
}
