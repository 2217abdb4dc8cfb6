package io.runbox.server;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.runbox.core.Ids;
import io.runbox.core.Sandbox;
import io.runbox.core.access.KeyStore;
import io.runbox.core.jobs.CallbackOutbox;
import io.runbox.core.jobs.JobQueue;
import io.runbox.core.jobs.PermlinkStore;
import io.runbox.execution.RequestRunner;
import io.runbox.execution.SandboxSelfCheck;
import io.runbox.execution.catalogue.InstalledLanguage;
import io.runbox.execution.session.SessionManager;
import io.runbox.sandbox.BubblewrapSandbox;
import io.runbox.sandbox.SandboxUnavailableException;
import io.runbox.server.access.AccessClass;
import io.runbox.server.access.AccessControl;
import io.runbox.server.access.AdminRoutes;
import io.runbox.server.access.Bootstrap;
import io.runbox.server.access.KeyLimits;
import io.runbox.server.access.KeyService;
import io.runbox.server.access.Plans;
import io.runbox.server.access.SelfServiceRoutes;
import io.runbox.server.access.UsageCounter;
import io.runbox.server.api.agentrunner.AgentRunnerRoutes;
import io.runbox.server.api.judge0.Judge0Door;
import io.runbox.server.api.judge0.Judge0InfoRoutes;
import io.runbox.server.api.judge0.Judge0JobRunner;
import io.runbox.server.api.judge0.Judge0SubmissionRoutes;
import io.runbox.server.api.onlinecompiler.OnlineCompilerJobRunner;
import io.runbox.server.api.onlinecompiler.OnlineCompilerMapper;
import io.runbox.server.api.onlinecompiler.OnlineCompilerRoutes;
import io.runbox.server.api.piston.PistonPackageRoutes;
import io.runbox.server.api.piston.PistonRoutes;
import io.runbox.server.api.sessions.SessionRoutes;
import io.runbox.server.api.v1.CatalogueRoutes;
import io.runbox.server.api.v1.ExecuteRoutes;
import io.runbox.server.api.v1.JobRoutes;
import io.runbox.server.api.v1.JudgeJobRunner;
import io.runbox.server.api.v1.JudgeRoutes;
import io.runbox.server.api.v1.NativeJobRunner;
import io.runbox.server.api.v1.PermlinkRoutes;
import io.runbox.server.api.wandbox.WandboxRoutes;
import io.runbox.server.cluster.StoredSecret;
import io.runbox.server.cluster.ForwardProof;
import io.runbox.server.cluster.NodePresence;
import io.runbox.server.cluster.NodeRoutes;
import io.runbox.server.cluster.SessionForwarding;
import io.runbox.server.cluster.ThisNode;
import io.runbox.server.config.RunboxConfig;
import io.runbox.server.connections.ClientHangUp;
import io.runbox.server.connections.GuardedConnector;
import io.runbox.server.connections.HangUpWatcher;
import io.runbox.server.exec.ExecutionGate;
import io.runbox.server.exec.RunService;
import io.runbox.server.http.BadMessageErrors;
import io.runbox.server.http.ErrorHandling;
import io.runbox.server.http.Json;
import io.runbox.server.http.RegisteredRoutes;
import io.runbox.server.http.RequestIds;
import io.runbox.server.http.Routes;
import io.runbox.server.jobs.CallbackSender;
import io.runbox.server.jobs.CallbackSigner;
import io.runbox.server.jobs.CallbackTargets;
import io.runbox.server.jobs.JobRunner;
import io.runbox.server.jobs.JobService;
import io.runbox.server.jobs.JobWorkers;
import io.runbox.server.mcp.McpDoor;
import io.runbox.server.ops.DocsRoutes;
import io.runbox.server.ops.HealthRoutes;
import io.runbox.server.ops.LanguageAdminRoutes;
import io.runbox.server.ops.LanguageReload;
import io.runbox.server.ops.MetricsRoutes;
import io.runbox.server.ops.ReloadRequests;
import io.runbox.server.ops.RunboxMetrics;
import io.runbox.server.realtime.SocketIoDoor;
import io.runbox.server.realtime.StreamingSocket;
import io.runbox.store.Database;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The running service: sandbox (self-checked), catalogue, SQLite store, job workers, callback sender and
 * the HTTP front doors on one port. {@link #stop()} is graceful: no new requests or jobs, running jobs get
 * a grace period, and what is still running then is re-queued at the next start.
 */
public final class RunboxServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunboxServer.class);
    private static final long MAX_BODY_BYTES = 2L << 20;
    /** How often keys' calls are written to the store: what a crash may lose of their monthly counts. */
    private static final Duration USAGE_FLUSH = Duration.ofSeconds(1);

    private final Javalin app;
    private final JobWorkers workers;
    private final CallbackSender sender;
    private final Database db;
    private final NodePresence presence;
    private final UsageCounter usage;
    private final KeyLimits limits;
    private final SessionManager sessions;
    private final List<Routes> routes;
    private final Sandbox sandbox;
    private final RequestRunner runner;
    private final RegisteredRoutes registered;
    private final HangUpWatcher hangUps;
    private final String description;
    private final ReloadRequests reloadRequests;
    private final Duration jobsGrace;

    private RunboxServer(Javalin app, JobWorkers workers, CallbackSender sender, Database db, NodePresence presence,
                         UsageCounter usage, KeyLimits limits,
                         SessionManager sessions, List<Routes> routes, Sandbox sandbox, RequestRunner runner,
                         RegisteredRoutes registered, HangUpWatcher hangUps, String description,
                         ReloadRequests reloadRequests, Duration jobsGrace) {
        this.reloadRequests = reloadRequests;
        this.jobsGrace = jobsGrace;
        this.app = app;
        this.workers = workers;
        this.sender = sender;
        this.db = db;
        this.presence = presence;
        this.usage = usage;
        this.limits = limits;
        this.sessions = sessions;
        this.routes = routes;
        this.sandbox = sandbox;
        this.runner = runner;
        this.registered = registered;
        this.hangUps = hangUps;
        this.description = description;
    }

    /** Builds and starts everything; returns once the port accepts connections. */
    public static RunboxServer start(Runbox runbox) throws IOException, SandboxUnavailableException {
        RunboxConfig cfg = runbox.config();
        RunboxConfig.AccessConfig ac = cfg.access();
        // Before anything starts: these may refuse the configuration.
        Plans plans = Plans.of(cfg.plans(), ac.defaultPlan());
        SelfServiceRoutes.check(ac.selfService(), plans);
        Sandbox sandbox = runbox.sandbox();
        RequestRunner runner;
        try {
            SandboxSelfCheck.run(sandbox);
            runner = runbox.runner(sandbox);
        } catch (IOException | RuntimeException e) {
            // A start refused here (a configuration error such as a bad compiler alias) leaves no boxes behind.
            sandbox.close();
            throw e;
        }

        Path dataDir = Path.of(cfg.dataDir()).toAbsolutePath().normalize();
        Clock clock = Clock.systemUTC();
        Database db = runbox.openStore(clock);
        JobQueue queue = db.jobs();
        CallbackOutbox outbox = db.callbacks();
        PermlinkStore permlinks = db.permlinks();
        KeyStore keyStore = db.keys();
        NodePresence presence = new NodePresence(db.nodes(), ThisNode.id(cfg.cluster()), clock);
        KeyService keys = new KeyService(keyStore, plans, clock);
        UsageCounter usage = new UsageCounter(keyStore, USAGE_FLUSH);
        SelfServiceRoutes selfService = new SelfServiceRoutes(keys, ac.selfService());
        KeyLimits limits = KeyLimits.of(db.rateBuckets(), db.runSlots(), presence.nodeId());
        AccessControl access = new AccessControl(keys, usage, limits, plans,
                new AccessControl.Anonymous(ac.anonymous().enabled(), ac.anonymous().requestsPerMinute()),
                Bootstrap.adminTokenHash(keyStore, ac.adminToken()), clock, keyStore, selfService.creditsPerRun());

        RunboxConfig.ExecutionsConfig ex = cfg.executions();
        ExecutionGate gate = new ExecutionGate(ex.maxConcurrent(), ex.maxWaiting(), ex.maxWait());
        RunboxMetrics metrics = new RunboxMetrics();
        metrics.gauges(queue::queued, gate::running, gate::waiting);
        metrics.compileCache(runner.compileCache());
        metrics.warmCompilers(runner.warmCompilers());
        if (sandbox instanceof BubblewrapSandbox bubblewrap) {
            metrics.warmBoxes(bubblewrap);
        }
        RunService runService = new RunService(runner, gate, metrics);

        JobWorkers workers = new JobWorkers(queue, gate, cfg.jobs().workers(), cfg.jobs().maxAttempts(),
                cfg.jobs().lease(), db.shared(), () -> runner.catalogue().languages().stream()
                        .map(InstalledLanguage::id).toList());
        db.onJobQueued(workers::wake);
        RunboxConfig.CallbacksConfig cb = cfg.callbacks();
        CallbackTargets targets = new CallbackTargets(cb.allowPrivate());
        JobService jobs = new JobService(queue, targets, runner.catalogue(), db.nodes());
        OnlineCompilerMapper onlineCompiler = new OnlineCompilerMapper(runner.catalogue(),
                cfg.dialects().onlinecompiler().outputLimit());
        RunboxConfig.Judge0Config j0 = cfg.dialects().judge0();
        Judge0Door judge0 = Judge0Door.of(runService, runbox.executionConfig(), j0.prefix());
        Map<String, JobRunner> jobRunners = Map.of(
                NativeJobRunner.KIND, new NativeJobRunner(runService),
                JudgeJobRunner.KIND, new JudgeJobRunner(runService),
                OnlineCompilerJobRunner.KIND, new OnlineCompilerJobRunner(runService, onlineCompiler),
                Judge0JobRunner.KIND, judge0.runner());
        Map<String, String> callbackMethods = new java.util.HashMap<>();
        jobRunners.forEach((kind, r) -> callbackMethods.put(kind, r.callbackMethod()));
        CallbackSender sender = new CallbackSender(outbox, new CallbackSigner(secret(cb.secret(), dataDir, db)), targets,
                new CallbackSender.Settings(cb.maxAttempts(), cb.firstRetry(),
                        cb.timeout(), cb.concurrency(), cb.perHost()), clock, callbackMethods);

        LanguageReload languageReload = new LanguageReload(runner.catalogue(), runbox::probedCatalogue);
        SessionManager sessions = new SessionManager(runner.catalogue(), sandbox, runbox.executionConfig(),
                cfg.sessions().idleTimeout(), cfg.sessions().maxPerKey(), cfg.sessions().maxTotal(), db.sessions(),
                presence.nodeId());
        metrics.sessions(sessions);
        SessionForwarding forwarding = new SessionForwarding(sessions::holds, db.sessions(), db.nodes(),
                presence.nodeId(), new ForwardProof(StoredSecret.of(cfg.cluster().secret(), keyStore, StoredSecret.CLUSTER), clock),
                db.shared(), SessionRoutes.BASES);
        List<Routes> routes = List.of(
                new ExecuteRoutes(runService),
                new JobRoutes(jobs, runService, outbox),
                new JudgeRoutes(runService, jobs),
                new CatalogueRoutes(runner.catalogue()),
                new OnlineCompilerRoutes(runService, jobs, onlineCompiler, cfg.dialects().onlinecompiler().defaultCallbackUrl()),
                new WandboxRoutes(runService, permlinks, ac.anonymous().enabled()),
                new PermlinkRoutes(runner.catalogue(), permlinks, runbox.executionConfig()),
                new AgentRunnerRoutes(runService),
                new PistonRoutes(runService),
                new Judge0SubmissionRoutes(runService, jobs, judge0, j0.maxQueueSize()),
                new Judge0InfoRoutes(judge0, runService, jobs, new Judge0InfoRoutes.Settings(
                        runbox.executionConfig().defaults().run(), runbox.executionConfig().maxCodeBytes(),
                        j0.maxQueueSize(), cb.maxAttempts(), cb.timeout().toMillis() / 1000.0, cfg.jobs().workers())),
                new PistonPackageRoutes(runner.catalogue(), runbox.executionConfig().languagesDir(),
                        runbox.executionConfig().prefix(), languageReload),
                new AdminRoutes(keys),
                selfService,
                new StreamingSocket(runService, access),
                new SocketIoDoor(runService, access, onlineCompiler),
                new McpDoor(runService, sessions, access, Runbox.VERSION, forwarding, db.sessions(), presence.nodeId()),
                new SessionRoutes(sessions),
                forwarding,
                new HealthRoutes(() -> new HealthRoutes.Readiness("ready", sandbox.describe(),
                        runner.catalogue().languages().size(), runner.catalogue().compilers().size(), null,
                        presence.nodeId(), presence.databaseAnswers() ? "ok" : "unavailable")),
                new NodeRoutes(db.nodes(), presence.nodeId()),
                new LanguageAdminRoutes(languageReload),
                new MetricsRoutes(metrics),
                new DocsRoutes(runner.catalogue()));

        RunboxConfig.ServerConfig sc = cfg.server();
        GuardedConnector.Limits connectionLimits = new GuardedConnector.Limits(
                sc.requestDeadline(), sc.idleTimeout(),
                sc.maxConnectionsPerAddress());
        RegisteredRoutes registered = new RegisteredRoutes();
        HangUpWatcher hangUps = new HangUpWatcher();
        Javalin app = Javalin.create(config -> {
            registered.install(config);
            config.jetty.addConnector((server, http) -> GuardedConnector.create(server, http, cfg.server().host(),
                    cfg.server().port(), connectionLimits));
            config.jetty.modifyServer(server -> server.setErrorHandler(new BadMessageErrors()));
            config.jetty.modifyServletContextHandler(h -> {
                FilterHolder hangUpFilter = new FilterHolder(new ClientHangUp(hangUps));
                hangUpFilter.setAsyncSupported(true);
                h.addFilter(hangUpFilter, "/*", EnumSet.of(DispatcherType.REQUEST));
            });
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, true));
            config.startup.showJavalinBanner = false;
            config.routes.before(RequestIds::assign);
            access.install(config);
            ErrorHandling.install(config, routes.stream().flatMap(r -> r.errorFormats().stream()).toList());
            routes.forEach(r -> r.register(config));
        });
        routes.forEach(r -> registered.addMounts(r.mounts()));
        // A door without exactly one access class would be served open or closed by accident: refuse to start.
        AccessClass.requireOneEach(registered.all());
        app.start();
        // Printed first: a newcomer's script waits for the port and then reads the key from the log.
        if (ac.bootstrapKey()) {
            Bootstrap.firstKey(keys, app.port());
        }
        presence.start(ThisNode.of(presence.nodeId(), cfg.cluster(), cfg.server().host(), app.port(), Runbox.VERSION,
                ex.maxConcurrent(), runner.catalogue().languages().stream().map(InstalledLanguage::id).toList()));
        workers.start(jobRunners);
        sender.start();
        String description = String.format("Runbox listening on http://%s:%d (sandbox: %s; %d languages, %d compilers;"
                        + " data: %s; store: %s; node %s; %d execution slots)", cfg.server().host(), app.port(),
                sandbox.describe(), runner.catalogue().languages().size(), runner.catalogue().compilers().size(), dataDir,
                db.describe(), presence.nodeId(), ex.maxConcurrent());
        LOG.info(description);
        ReloadRequests reloadRequests = ReloadRequests.watch(ReloadRequests.serversDir(
                runbox.sandboxConfig().stateDir()), languageReload);
        return new RunboxServer(app, workers, sender, db, presence, usage, limits, sessions, routes, sandbox, runner,
                registered, hangUps, description, reloadRequests, cfg.jobs().grace());
    }

    public int port() {
        return app.port();
    }

    /** Every endpoint the server registered, with its roles. */
    public List<RegisteredRoutes.Route> registeredRoutes() {
        return registered.all();
    }

    public String description() {
        return description;
    }

    /**
     * Graceful stop (a drain): the node list says this node is draining, then HTTP stops, then the job workers (with
     * a grace period; jobs still running after it go back to the queue for another node), then deliveries,
     * sessions, the warm compilers, the boxes set up ahead, the keys' pending usage counts, the renewal of this node's
     * run slots, this node's entry in the node list and the store.
     */
    public void stop() {
        LOG.info("stopping: no new requests or jobs; running jobs get {} s", jobsGrace.toSeconds());
        presence.drain();
        app.stop();
        try {
            reloadRequests.close();
        } catch (IOException e) {
            LOG.warn("closing the reload watcher failed", e);
        }
        hangUps.close();
        routes.forEach(Routes::close);
        workers.stop(jobsGrace);
        sender.stop();
        sessions.close();
        runner.close();
        sandbox.close();
        usage.close();
        limits.close();
        presence.close();
        db.close();
        LOG.info("stopped");
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * The configured secret, else one generated once and kept: in a shared store (every node of a cluster signs
     * with the same secret), else in the data directory (mode 0600).
     */
    private static String secret(String configured, Path dataDir, Database db) throws IOException {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (db.shared()) {
            return StoredSecret.of(configured, db.keys(), StoredSecret.CALLBACK);
        }
        Path file = dataDir.resolve("callback-secret");
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        String s = Ids.random(32);
        Files.createDirectories(dataDir);
        Files.writeString(file, s + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        LOG.info("generated a callback signing secret in {}", file);
        return s;
    }
}
