package io.runbox.server.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.runbox.execution.ExecutionConfig;
import io.runbox.execution.QuantityJson;
import io.runbox.execution.catalogue.LimitsSpec;
import io.runbox.sandbox.SandboxConfig;
import java.time.Duration;
import java.util.Map;

/**
 * The whole configuration, as the YAML file spells it, typed: sizes are bytes and durations {@link Duration}s,
 * parsed when the file is read ({@link ConfigLoader}). Every section may be absent.
 *
 * @param server     where to listen
 * @param dataDir    where the SQLite file and the callback secret live
 * @param stateDir   the sandbox's state directory (workspaces, the box's {@code /etc}); {@code null} for its default
 * @param languagesDir where the {@code <id>/language.yaml} recipes live; {@code null} for the checkout's {@code languages}
 * @param prefix     Runbox's own toolchain prefix (npm packages, Maven artifacts); {@code null} for {@code /opt/runbox}
 * @param executions how many programs run at once and how long sync requests may wait
 * @param jobs       the asynchronous job workers
 * @param callbacks  result deliveries
 * @param limits     global default limits per stage ({@code run:}, {@code compile:})
 * @param languages  operator overrides per language id
 * @param dialects   settings of the API dialects
 * @param access     keys, the admin token and the anonymous tier
 * @param plans      plans over the built-in ones (free, starter, pro, mega, unlimited)
 * @param sessions   persistent sessions
 * @param compilers  the compiler catalogue as clients see it (operator aliases)
 * @param store      where keys, jobs, callbacks and permlinks are kept: the SQLite file in the data directory, or a
 *                   PostgreSQL database shared by the nodes of a cluster
 * @param cluster    this node as the other nodes of its cluster know it
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record RunboxConfig(
        ServerConfig server,
        @JsonProperty("data_dir") String dataDir,
        @JsonProperty("state_dir") String stateDir,
        @JsonProperty("languages_dir") String languagesDir,
        String prefix,
        ExecutionsConfig executions,
        JobsConfig jobs,
        CallbacksConfig callbacks,
        LimitsSpec limits,
        Map<String, LimitsSpec> languages,
        DialectsConfig dialects,
        AccessConfig access,
        Map<String, PlanConfig> plans,
        SessionsConfig sessions,
        CompilersConfig compilers,
        StoreConfig store,
        ClusterConfig cluster) {

    public RunboxConfig {
        server = server == null ? ServerConfig.DEFAULT : server.withDefaults();
        dataDir = dataDir == null ? "./data" : dataDir;
        executions = executions == null ? ExecutionsConfig.DEFAULT : executions.withDefaults();
        jobs = jobs == null ? JobsConfig.DEFAULT : jobs.withDefaults();
        callbacks = callbacks == null ? CallbacksConfig.DEFAULT : callbacks.withDefaults();
        limits = limits == null ? LimitsSpec.NONE : limits;
        languages = languages == null ? Map.of() : Map.copyOf(languages);
        dialects = dialects == null ? DialectsConfig.DEFAULT : dialects.withDefaults();
        access = access == null ? AccessConfig.DEFAULT : access.withDefaults();
        plans = plans == null ? Map.of() : Map.copyOf(plans);
        sessions = sessions == null ? SessionsConfig.DEFAULT : sessions.withDefaults();
        compilers = compilers == null ? CompilersConfig.DEFAULT : compilers.withDefaults();
        store = store == null ? StoreConfig.DEFAULT : store;
        cluster = cluster == null ? ClusterConfig.DEFAULT : cluster;
    }

    /**
     * @param aliases extra compiler ids clients may send, each standing for an installed compiler id or a language
     *                (its default compiler), such as {@code python-3.14: python}; none by default, so an id this host
     *                does not have stays a clear 400. A target that names nothing installed stops the start.
     */
    public record CompilersConfig(Map<String, String> aliases) {
        static final CompilersConfig DEFAULT = new CompilersConfig(null).withDefaults();

        CompilersConfig withDefaults() {
            return new CompilersConfig(aliases == null ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(aliases)));
        }
    }

    /**
     * @param idleTimeout a session idle this long is closed with its processes and files
     * @param maxPerKey   live sessions per key
     * @param maxTotal    live sessions on this node (each holds a box)
     */
    public record SessionsConfig(@JsonProperty("idle_timeout") @JsonDeserialize(using = QuantityJson.Time.class) Duration idleTimeout,
                                 @JsonProperty("max_per_key") Integer maxPerKey,
                                 @JsonProperty("max_total") Integer maxTotal) {
        static final SessionsConfig DEFAULT = new SessionsConfig(null, null, null).withDefaults();

        SessionsConfig withDefaults() {
            return new SessionsConfig(idleTimeout == null ? Duration.ofMinutes(10) : idleTimeout, maxPerKey == null ? 5 : maxPerKey,
                    maxTotal == null ? 16 : maxTotal);
        }
    }

    /**
     * @param adminToken   the token of {@code /admin}; generated and printed once when absent
     * @param anonymous    calls without a key
     * @param bootstrapKey create and print a first API key when the store has none
     * @param defaultPlan  the plan of a key created without one ({@code ./runbox keys create}, {@code POST
     *                     /admin/keys}): {@code unlimited} on a self-hosted server unless set
     * @param selfService  keys anyone may create ({@code POST /api/keys/create}); off unless enabled
     */
    public record AccessConfig(
            @JsonProperty("admin_token") String adminToken,
            AnonymousConfig anonymous,
            @JsonProperty("bootstrap_key") Boolean bootstrapKey,
            @JsonProperty("default_plan") String defaultPlan,
            @JsonProperty("self_service") SelfServiceConfig selfService) {
        static final AccessConfig DEFAULT = new AccessConfig(null, null, null, null, null).withDefaults();

        AccessConfig withDefaults() {
            return new AccessConfig(adminToken, anonymous == null ? AnonymousConfig.DEFAULT : anonymous.withDefaults(),
                    bootstrapKey == null || bootstrapKey,
                    defaultPlan == null || defaultPlan.isBlank() ? "unlimited" : defaultPlan.trim(),
                    selfService == null ? SelfServiceConfig.DEFAULT : selfService.withDefaults());
        }
    }

    /**
     * Self-service keys, as the agent-runner seed's {@code POST /api/keys/create} hands them out (no signup).
     *
     * @param enabled       off by default: anyone who can reach the server could then make keys
     * @param plan          the plan of each such key (its rate, quota and caps)
     * @param credits       the credit balance each key starts with (the seed's FAQ: 50)
     * @param creditsPerRun what each run of such a key takes from its balance; at 0 left runs answer 402
     * @param perAddress    keys one client address may create per window (IPv6: per /64)
     */
    public record SelfServiceConfig(Boolean enabled, String plan, Long credits,
                                    @JsonProperty("credits_per_run") Long creditsPerRun,
                                    @JsonProperty("per_address") PerAddressConfig perAddress) {
        static final SelfServiceConfig DEFAULT = new SelfServiceConfig(null, null, null, null, null).withDefaults();

        SelfServiceConfig withDefaults() {
            return new SelfServiceConfig(enabled != null && enabled, plan == null || plan.isBlank() ? "free" : plan.trim(),
                    credits == null ? 50 : credits, creditsPerRun == null ? 1 : creditsPerRun,
                    perAddress == null ? PerAddressConfig.DEFAULT : perAddress.withDefaults());
        }
    }

    /** @param limit keys per address per {@code window}; @param window such as {@code 1h} or {@code 24h} */
    public record PerAddressConfig(Integer limit, @JsonDeserialize(using = QuantityJson.Time.class) Duration window) {
        static final PerAddressConfig DEFAULT = new PerAddressConfig(null, null).withDefaults();

        PerAddressConfig withDefaults() {
            return new PerAddressConfig(limit == null ? 3 : limit, window == null ? Duration.ofHours(24) : window);
        }
    }

    /** @param enabled off by default; @param requestsPerMinute per client address (the agent-runner seed's 30) */
    public record AnonymousConfig(Boolean enabled, @JsonProperty("requests_per_minute") Long requestsPerMinute) {
        static final AnonymousConfig DEFAULT = new AnonymousConfig(null, null).withDefaults();

        AnonymousConfig withDefaults() {
            return new AnonymousConfig(enabled != null && enabled, requestsPerMinute == null ? 30 : requestsPerMinute);
        }
    }

    /** A plan as configured; absent fields mean no limit of the plan's own. Sizes like {@code 512m}, times like {@code 30s}. */
    public record PlanConfig(
            @JsonProperty("requests_per_second") Long requestsPerSecond,
            @JsonProperty("requests_per_month") Long requestsPerMonth,
            @JsonProperty("max_concurrent") Integer maxConcurrent,
            @JsonProperty("max_run_timeout") @JsonDeserialize(using = QuantityJson.Time.class) Duration maxRunTimeout,
            @JsonProperty("max_memory") @JsonDeserialize(using = QuantityJson.Size.class) Long maxMemory,
            @JsonProperty("max_output") @JsonDeserialize(using = QuantityJson.Size.class) Long maxOutput,
            @JsonProperty("max_output_file") @JsonDeserialize(using = QuantityJson.Size.class) Long maxOutputFile,
            @JsonProperty("max_output_files") @JsonDeserialize(using = QuantityJson.Size.class) Long maxOutputFiles) {
    }

    public static RunboxConfig defaults() {
        return new RunboxConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    /** Settings of the API dialects. */
    public record DialectsConfig(OnlineCompilerConfig onlinecompiler, Judge0Config judge0) {
        static final DialectsConfig DEFAULT = new DialectsConfig(null, null).withDefaults();

        DialectsConfig withDefaults() {
            return new DialectsConfig(onlinecompiler == null ? OnlineCompilerConfig.DEFAULT : onlinecompiler.withDefaults(),
                    judge0 == null ? Judge0Config.DEFAULT : judge0.withDefaults());
        }
    }

    /**
     * The Judge0 door, served at Judge0's root paths and again under {@code prefix}.
     *
     * @param prefix       a path such as {@code /judge0} (the default); empty for the root paths alone
     * @param maxQueueSize submissions waiting to run, of every door's jobs, above which a new one is refused with 503
     *                     (Judge0's {@code MAX_QUEUE_SIZE}, 100 by default)
     */
    public record Judge0Config(@JsonDeserialize(using = PathPrefixJson.class) String prefix,
                               @JsonProperty("max_queue_size") Integer maxQueueSize) {
        static final Judge0Config DEFAULT = new Judge0Config(null, null).withDefaults();

        public Judge0Config {
            if (maxQueueSize != null && maxQueueSize < 1) {
                throw new IllegalArgumentException("dialects.judge0.max_queue_size must be at least 1");
            }
        }

        Judge0Config withDefaults() {
            return new Judge0Config(prefix == null ? "/judge0" : prefix, maxQueueSize == null ? 100 : maxQueueSize);
        }
    }

    /**
     * @param outputLimit        characters of output and error kept in a result (the seed documents 999)
     * @param defaultCallbackUrl where async results go when a request names no {@code callback_url}
     */
    public record OnlineCompilerConfig(
            @JsonProperty("output_limit") Integer outputLimit,
            @JsonProperty("default_callback_url") String defaultCallbackUrl) {
        static final OnlineCompilerConfig DEFAULT = new OnlineCompilerConfig(null, null).withDefaults();

        OnlineCompilerConfig withDefaults() {
            return new OnlineCompilerConfig(outputLimit == null ? 999 : outputLimit, defaultCallbackUrl);
        }
    }

    /**
     * Where to listen, and how long and how many connections a client may hold.
     *
     * @param host                     the address to bind
     * @param port                     0 picks a free port
     * @param requestDeadline          a connection that has not delivered a complete request (headers and body)
     *                                 this long after it opened, or after its previous response, is closed
     * @param idleTimeout              a connection that sends nothing this long is closed (an idle keep-alive one)
     * @param maxConnectionsPerAddress open connections from one remote address; more are closed at once
     */
    public record ServerConfig(String host, Integer port,
                               @JsonProperty("request_deadline") @JsonDeserialize(using = QuantityJson.Time.class) Duration requestDeadline,
                               @JsonProperty("idle_timeout") @JsonDeserialize(using = QuantityJson.Time.class) Duration idleTimeout,
                               @JsonProperty("max_connections_per_address") Integer maxConnectionsPerAddress) {
        static final ServerConfig DEFAULT = new ServerConfig(null, null, null, null, null).withDefaults();

        ServerConfig withDefaults() {
            return new ServerConfig(host == null ? "0.0.0.0" : host, port == null ? 8080 : port,
                    requestDeadline == null ? Duration.ofSeconds(30) : requestDeadline,
                    idleTimeout == null ? Duration.ofSeconds(30) : idleTimeout,
                    maxConnectionsPerAddress == null ? 64 : maxConnectionsPerAddress);
        }
    }

    /**
     * @param maxConcurrent programs running at once, sync and async together (default: the number of cores)
     * @param maxWaiting    sync requests allowed to wait for a slot; more get 429
     * @param maxWait       how long a sync request waits for a slot before 429
     * @param warmBoxes     boxes kept set up ahead of requests, one per language and limits (0: none); with reused
     *                      boxes, how many of them may wait idle
     * @param reuseBoxes    runs take a long-lived box that makes each run fresh inside it (default: yes)
     * @param prestartRuntimes a reused box starts the runtime of a language with a hook ahead of its next request
     *                      (default: yes)
     * @param compileCache  memory for compiled programs reused by identical requests, such as {@code 64m} (0: none)
     * @param warmCompilers warm compilers kept in all, for languages with one (java); 0: none
     */
    public record ExecutionsConfig(
            @JsonProperty("max_concurrent") Integer maxConcurrent,
            @JsonProperty("max_waiting") Integer maxWaiting,
            @JsonProperty("max_wait") @JsonDeserialize(using = QuantityJson.Time.class) Duration maxWait,
            @JsonProperty("warm_boxes") Integer warmBoxes,
            @JsonProperty("reuse_boxes") Boolean reuseBoxes,
            @JsonProperty("prestart_runtimes") Boolean prestartRuntimes,
            @JsonProperty("compile_cache") @JsonDeserialize(using = QuantityJson.Size.class) Long compileCache,
            @JsonProperty("warm_compilers") Integer warmCompilers) {
        static final ExecutionsConfig DEFAULT = new ExecutionsConfig(null, null, null, null, null, null, null, null)
                .withDefaults();

        ExecutionsConfig withDefaults() {
            return new ExecutionsConfig(
                    maxConcurrent == null ? Runtime.getRuntime().availableProcessors() : maxConcurrent,
                    maxWaiting == null ? 64 : maxWaiting,
                    maxWait == null ? Duration.ofSeconds(30) : maxWait,
                    warmBoxes == null ? SandboxConfig.DEFAULT_WARM_BOXES : warmBoxes,
                    reuseBoxes == null || reuseBoxes,
                    prestartRuntimes == null || prestartRuntimes,
                    compileCache == null ? ExecutionConfig.DEFAULT_COMPILE_CACHE_BYTES : compileCache,
                    warmCompilers == null ? ExecutionConfig.DEFAULT_WARM_COMPILERS : warmCompilers);
        }
    }

    /**
     * @param workers     threads taking jobs from the store
     * @param maxAttempts starts of one job before an interrupted job is failed instead of re-run
     * @param lease       how long a job stays claimed after its worker last renewed it (every third of this):
     *                    a worker or node that died loses its jobs to the queue again after at most this
     * @param grace       how long a stopping server lets its running jobs finish before it gives them back to the
     *                    queue (keep it under the stop timeout of whatever stops the server, such as a container's)
     */
    public record JobsConfig(Integer workers, @JsonProperty("max_attempts") Integer maxAttempts,
                             @JsonDeserialize(using = QuantityJson.Time.class) Duration lease,
                             @JsonDeserialize(using = QuantityJson.Time.class) Duration grace) {
        static final JobsConfig DEFAULT = new JobsConfig(null, null, null, null).withDefaults();

        JobsConfig withDefaults() {
            return new JobsConfig(workers == null ? Runtime.getRuntime().availableProcessors() : workers,
                    maxAttempts == null ? 2 : maxAttempts, lease == null ? Duration.ofMinutes(2) : lease,
                    grace == null ? Duration.ofSeconds(20) : grace);
        }
    }

    /**
     * @param secret      HMAC-SHA256 key signing deliveries; generated into the data dir when absent
     * @param maxAttempts deliveries tried before giving up
     * @param firstRetry  delay before the first retry; each next one is three times longer
     * @param timeout     per delivery
     * @param allowPrivate deliver to loopback, private, link-local and every other special-purpose address too
     *                     (off: only global unicast, else a key holder could make the server POST into its own
     *                     network)
     * @param concurrency deliveries in flight at once, over all receivers
     * @param perHost     deliveries in flight at once to one host, so a slow receiver holds no more than these
     */
    public record CallbacksConfig(
            String secret,
            @JsonProperty("max_attempts") Integer maxAttempts,
            @JsonProperty("first_retry") @JsonDeserialize(using = QuantityJson.Time.class) Duration firstRetry,
            @JsonDeserialize(using = QuantityJson.Time.class) Duration timeout,
            @JsonProperty("allow_private_addresses") Boolean allowPrivate,
            Integer concurrency,
            @JsonProperty("per_host") Integer perHost) {
        static final CallbacksConfig DEFAULT = new CallbacksConfig(null, null, null, null, null, null, null)
                .withDefaults();

        CallbacksConfig withDefaults() {
            return new CallbacksConfig(secret, maxAttempts == null ? 6 : maxAttempts,
                    firstRetry == null ? Duration.ofSeconds(5) : firstRetry,
                    timeout == null ? Duration.ofSeconds(10) : timeout,
                    allowPrivate != null && allowPrivate, concurrency == null ? 16 : concurrency,
                    perHost == null ? 2 : perHost);
        }
    }

    /**
     * @param url {@code postgresql://user:password@host:port/database} to keep everything in PostgreSQL, shared by
     *            every node started with the same URL (cluster mode); absent: the embedded SQLite file
     *            {@code runbox.db} in the data directory
     */
    public record StoreConfig(String url) {
        static final StoreConfig DEFAULT = new StoreConfig(null);
    }

    /**
     * @param nodeId  this node's name in the cluster's node list; absent: a new random one at every start (a
     *                restarted node is a new node: what the old one held was given up when it stopped)
     * @param address where the other nodes reach this node, such as {@code http://10.0.0.5:8080}; absent: this
     *                host's name and the port it listens on
     * @param secret  what a node signs the calls it forwards to another node with (a session's call goes to the node
     *                that holds the session), the same on every node; absent: generated once and kept in the shared
     *                store
     */
    public record ClusterConfig(@JsonProperty("node_id") String nodeId, String address, String secret) {
        static final ClusterConfig DEFAULT = new ClusterConfig(null, null, null);
    }
}
