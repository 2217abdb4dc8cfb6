package io.runbox.execution.session;

import io.runbox.core.BoxCommand;
import io.runbox.core.Ids;
import io.runbox.core.Limits;
import io.runbox.core.Sandbox;
import io.runbox.core.StageLimits;
import io.runbox.core.cluster.SessionRegistry;
import io.runbox.execution.CommandTemplate;
import io.runbox.execution.ExecutionConfig;
import io.runbox.execution.BoxEnvironment;
import io.runbox.execution.LimitResolver;
import io.runbox.execution.RequestRejectedException;
import io.runbox.execution.RequestRejectedException.Reason;
import io.runbox.execution.catalogue.Catalogue;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.execution.catalogue.LanguageDefinition;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, finds and reaps sessions. A session is a box with the language's run limits (memory and pids
 * over its whole life) whose wall time is the session's maximum lifetime; sessions idle longer than
 * {@code idleTimeout} are closed with their processes and files. A session whose closing fails is logged and
 * counted ({@link #reapFailures()}) and reaping goes on. Every live session is recorded in a {@link SessionRegistry}
 * under this node's id from its start until it is closed, so the other nodes of a cluster know where it lives.
 */
public final class SessionManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionManager.class);
    private static final Duration MAX_LIFETIME = Duration.ofHours(2);
    /** The registry of a process alone: records nothing. */
    private static final SessionRegistry UNRECORDED = new SessionRegistry() {
        @Override
        public void register(String sessionId, String nodeId, String ownerKeyId) {
        }

        @Override
        public Optional<String> find(String sessionId) {
            return Optional.empty();
        }

        @Override
        public void remove(String sessionId) {
        }
    };

    private final Catalogue catalogue;
    private final Sandbox sandbox;
    private final ExecutionConfig config;
    private final LimitResolver limits;
    private final Duration idleTimeout;
    private final int maxPerOwner;
    private final int maxTotal;
    private final SessionRegistry registry;
    private final String nodeId;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    /** Sessions being started, per owner, and in all; guarded by {@code this}. */
    private final Map<String, Integer> starting = new HashMap<>();
    private int startingTotal;
    private final AtomicLong reapFailures = new AtomicLong();
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("runbox-session-reaper").daemon(true).unstarted(r));

    /** Sessions of a process alone: nobody else needs to know where they live. */
    public SessionManager(Catalogue catalogue, Sandbox sandbox, ExecutionConfig config, Duration idleTimeout,
                          int maxPerOwner, int maxTotal) {
        this(catalogue, sandbox, config, idleTimeout, maxPerOwner, maxTotal, UNRECORDED, null);
    }

    /**
     * @param registry where each live session is recorded as held by {@code nodeId}; a session that cannot be
     *                 recorded is not created (the failure is thrown)
     */
    public SessionManager(Catalogue catalogue, Sandbox sandbox, ExecutionConfig config, Duration idleTimeout,
                          int maxPerOwner, int maxTotal, SessionRegistry registry, String nodeId) {
        this.registry = registry;
        this.nodeId = nodeId;
        this.catalogue = catalogue;
        this.sandbox = sandbox;
        this.config = config;
        this.limits = new LimitResolver(config);
        this.idleTimeout = idleTimeout;
        this.maxPerOwner = maxPerOwner;
        this.maxTotal = maxTotal;
        long tick = Math.max(200, Math.min(5000, idleTimeout.toMillis() / 4));
        reaper.scheduleWithFixedDelay(this::reap, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Why a session cannot be created now. */
    public static final class LimitReachedException extends Exception {
        public LimitReachedException(String message) {
            super(message);
        }
    }

    public Session create(String owner, String language) throws RequestRejectedException, LimitReachedException, IOException {
        return create(owner, language, null);
    }

    /**
     * A session of {@code language} on the compiler {@code version} selects ({@link Catalogue#resolve}; {@code null}
     * for the language's default): python-3.13 from a root image, node-24, ...
     */
    public Session create(String owner, String language, String version)
            throws RequestRejectedException, LimitReachedException, IOException {
        Compiler compiler = catalogue.resolve(language, version);
        LanguageDefinition lang = compiler.language();
        if (lang.session() == null) {
            throw new RequestRejectedException(Reason.INVALID, "sessions are not available for " + lang.id()
                    + "; languages with sessions: " + String.join(", ", catalogue.languages().stream()
                    .filter(l -> l.definition().session() != null).map(l -> l.id()).toList()));
        }
        reserve(owner);
        Session s;
        try {
            Limits run = limits.resolve(lang, StageLimits.UNSET).run().withWallTime(MAX_LIFETIME);
            String ext = lang.session().driver().substring(lang.session().driver().lastIndexOf('.'));
            String driverName = ".session-driver" + ext;
            CommandTemplate.Values v = new CommandTemplate.Values(compiler, config.prefix().toString(), driverName,
                    List.of(driverName), List.of(), List.of(), run.memoryBytes());
            BoxCommand command = new BoxCommand(CommandTemplate.expand(lang.session().command(), v),
                    BoxEnvironment.env(lang, config.prefix()), null, run, BoxEnvironment.paths(compiler, config.prefix()))
                    .withRoot(BoxEnvironment.root(compiler));
            s = new Session("ses_" + Ids.random(16), owner, lang.id(), compiler.id(), sandbox, command,
                    lang.dir().resolve(lang.session().driver()), driverName);
            s.start();
        } catch (IOException | RuntimeException e) {
            release(owner);
            throw e;
        }
        try {
            registry.register(s.id(), nodeId, owner);
        } catch (RuntimeException e) {
            release(owner);
            s.close();
            throw e;
        }
        synchronized (this) {
            sessions.put(s.id(), s);
            release(owner);
        }
        return s;
    }

    /**
     * Takes a place for a session of {@code owner} that is about to start, or refuses when the server's or the
     * owner's sessions (live and starting) are at their cap. Check and reservation are one step, so concurrent
     * creates cannot pass the cap together.
     */
    private synchronized void reserve(String owner) throws LimitReachedException {
        if (sessions.size() + startingTotal >= maxTotal) {
            throw new LimitReachedException("this server already runs " + maxTotal + " sessions");
        }
        long mine = sessions.values().stream().filter(s -> Objects.equals(s.owner(), owner)).count()
                + starting.getOrDefault(owner, 0);
        if (mine >= maxPerOwner) {
            throw new LimitReachedException("this key already has " + maxPerOwner + " live sessions; close one first");
        }
        starting.merge(owner, 1, Integer::sum);
        startingTotal++;
    }

    /** Gives back a place {@link #reserve} took: the session started and is registered, or failed to start. */
    private synchronized void release(String owner) {
        starting.computeIfPresent(owner, (k, n) -> n == 1 ? null : n - 1);
        startingTotal--;
    }

    /** The session with this id if {@code owner} owns it; another owner's session is not found. */
    public Optional<Session> find(String id, String owner) {
        return Optional.ofNullable(sessions.get(id)).filter(s -> Objects.equals(s.owner(), owner));
    }

    public boolean close(String id, String owner) {
        Optional<Session> s = find(id, owner);
        s.ifPresent(x -> {
            sessions.remove(id);
            unregister(id);
            x.close();
        });
        return s.isPresent();
    }

    public Instant expires(Session s) {
        return s.lastUsed().plus(idleTimeout);
    }

    public int live() {
        return sessions.size();
    }

    /** Idle sessions whose closing failed since start: their processes were stopped, their files may remain. */
    public long reapFailures() {
        return reapFailures.get();
    }

    /**
     * Closes the sessions idle past their timeout. Failures are caught per session: a periodic task that threw
     * would never run again, and no later idle session would be closed.
     */
    private void reap() {
        Instant now = Instant.now();
        for (Session s : List.copyOf(sessions.values())) {
            if (expires(s).isBefore(now)) {
                sessions.remove(s.id());
                unregister(s.id());
                try {
                    s.close();
                } catch (RuntimeException e) {
                    reapFailures.incrementAndGet();
                    LOG.warn("idle session {} could not be closed; reaping goes on", s.id(), e);
                }
            }
        }
    }

    @Override
    public void close() {
        reaper.shutdownNow();
        for (Session s : List.copyOf(sessions.values())) {
            sessions.remove(s.id());
            unregister(s.id());
            s.close();
        }
    }

    /**
     * Takes a closed session out of the registry. A registry that cannot be reached now leaves the record behind: a
     * node that follows it later finds no session here and reports it lost.
     */
    private void unregister(String id) {
        try {
            registry.remove(id);
        } catch (RuntimeException e) {
            LOG.warn("session {} is closed but still recorded as live on node {}: {}", id, nodeId, e.getMessage());
        }
    }

    /** Whether this process holds session {@code id}, whoever owns it. */
    public boolean holds(String id) {
        return sessions.containsKey(id);
    }
}
