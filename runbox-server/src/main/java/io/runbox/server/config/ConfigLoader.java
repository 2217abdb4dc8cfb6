package io.runbox.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the configuration, and is the only code that reads the environment: the YAML file if there is one
 * ({@link #file}), then environment variables over it, each overriding one YAML key. Sizes and durations are parsed
 * here, once; a value that does not parse stops the start with one line naming its key
 * ({@link InvalidConfigException}). The variables:
 *
 * <pre>
 * RUNBOX_HOST                     server.host
 * RUNBOX_PORT                     server.port
 * RUNBOX_REQUEST_DEADLINE         server.request_deadline
 * RUNBOX_IDLE_TIMEOUT             server.idle_timeout
 * RUNBOX_MAX_CONNECTIONS_PER_ADDRESS server.max_connections_per_address
 * RUNBOX_DATA_DIR                 data_dir
 * RUNBOX_STATE_DIR                state_dir
 * RUNBOX_LANGUAGES_DIR            languages_dir
 * RUNBOX_PREFIX                   prefix
 * RUNBOX_MAX_CONCURRENT           executions.max_concurrent
 * RUNBOX_MAX_WAITING              executions.max_waiting
 * RUNBOX_MAX_WAIT                 executions.max_wait
 * RUNBOX_WARM_BOXES               executions.warm_boxes
 * RUNBOX_REUSE_BOXES              executions.reuse_boxes
 * RUNBOX_PRESTART_RUNTIMES        executions.prestart_runtimes
 * RUNBOX_WARM_COMPILERS           executions.warm_compilers
 * RUNBOX_COMPILE_CACHE            executions.compile_cache
 * RUNBOX_JOB_WORKERS              jobs.workers
 * RUNBOX_JOB_MAX_ATTEMPTS         jobs.max_attempts
 * RUNBOX_JOB_LEASE                jobs.lease
 * RUNBOX_JOB_GRACE                jobs.grace
 * RUNBOX_CALLBACK_SECRET          callbacks.secret
 * RUNBOX_CALLBACK_MAX_ATTEMPTS    callbacks.max_attempts
 * RUNBOX_CALLBACK_FIRST_RETRY     callbacks.first_retry
 * RUNBOX_CALLBACK_TIMEOUT         callbacks.timeout
 * RUNBOX_CALLBACK_ALLOW_PRIVATE   callbacks.allow_private_addresses
 * RUNBOX_CALLBACK_CONCURRENCY     callbacks.concurrency
 * RUNBOX_CALLBACK_PER_HOST        callbacks.per_host
 * RUNBOX_OC_OUTPUT_LIMIT          dialects.onlinecompiler.output_limit
 * RUNBOX_OC_CALLBACK_URL          dialects.onlinecompiler.default_callback_url
 * RUNBOX_JUDGE0_PREFIX            dialects.judge0.prefix
 * RUNBOX_JUDGE0_MAX_QUEUE_SIZE    dialects.judge0.max_queue_size
 * RUNBOX_ADMIN_TOKEN              access.admin_token
 * RUNBOX_ANONYMOUS                access.anonymous.enabled
 * RUNBOX_ANONYMOUS_RPM            access.anonymous.requests_per_minute
 * RUNBOX_BOOTSTRAP_KEY            access.bootstrap_key
 * RUNBOX_DEFAULT_PLAN             access.default_plan
 * RUNBOX_SELF_SERVICE             access.self_service.enabled
 * RUNBOX_SELF_SERVICE_PLAN        access.self_service.plan
 * RUNBOX_SELF_SERVICE_CREDITS     access.self_service.credits
 * RUNBOX_SESSION_IDLE_TIMEOUT     sessions.idle_timeout
 * RUNBOX_SESSIONS_PER_KEY         sessions.max_per_key
 * RUNBOX_DATABASE_URL             store.url
 * RUNBOX_NODE_ID                  cluster.node_id
 * RUNBOX_NODE_ADDRESS             cluster.address
 * RUNBOX_CLUSTER_SECRET           cluster.secret
 * </pre>
 */
public final class ConfigLoader {
    /** The variable naming the configuration file. */
    public static final String CONFIG_VARIABLE = "RUNBOX_CONFIG";
    /** Environment variable to the YAML path it overrides. */
    public static final Map<String, String> ENVIRONMENT = envMap();

    private static final Path DEFAULT_FILE = Path.of("runbox.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ConfigLoader() {
    }

    private static Map<String, String> envMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("RUNBOX_HOST", "server.host");
        m.put("RUNBOX_PORT", "server.port");
        m.put("RUNBOX_REQUEST_DEADLINE", "server.request_deadline");
        m.put("RUNBOX_IDLE_TIMEOUT", "server.idle_timeout");
        m.put("RUNBOX_MAX_CONNECTIONS_PER_ADDRESS", "server.max_connections_per_address");
        m.put("RUNBOX_DATA_DIR", "data_dir");
        m.put("RUNBOX_STATE_DIR", "state_dir");
        m.put("RUNBOX_LANGUAGES_DIR", "languages_dir");
        m.put("RUNBOX_PREFIX", "prefix");
        m.put("RUNBOX_MAX_CONCURRENT", "executions.max_concurrent");
        m.put("RUNBOX_MAX_WAITING", "executions.max_waiting");
        m.put("RUNBOX_MAX_WAIT", "executions.max_wait");
        m.put("RUNBOX_WARM_BOXES", "executions.warm_boxes");
        m.put("RUNBOX_REUSE_BOXES", "executions.reuse_boxes");
        m.put("RUNBOX_PRESTART_RUNTIMES", "executions.prestart_runtimes");
        m.put("RUNBOX_WARM_COMPILERS", "executions.warm_compilers");
        m.put("RUNBOX_COMPILE_CACHE", "executions.compile_cache");
        m.put("RUNBOX_JOB_WORKERS", "jobs.workers");
        m.put("RUNBOX_JOB_MAX_ATTEMPTS", "jobs.max_attempts");
        m.put("RUNBOX_JOB_LEASE", "jobs.lease");
        m.put("RUNBOX_JOB_GRACE", "jobs.grace");
        m.put("RUNBOX_CALLBACK_SECRET", "callbacks.secret");
        m.put("RUNBOX_CALLBACK_MAX_ATTEMPTS", "callbacks.max_attempts");
        m.put("RUNBOX_CALLBACK_FIRST_RETRY", "callbacks.first_retry");
        m.put("RUNBOX_CALLBACK_TIMEOUT", "callbacks.timeout");
        m.put("RUNBOX_CALLBACK_ALLOW_PRIVATE", "callbacks.allow_private_addresses");
        m.put("RUNBOX_CALLBACK_CONCURRENCY", "callbacks.concurrency");
        m.put("RUNBOX_CALLBACK_PER_HOST", "callbacks.per_host");
        m.put("RUNBOX_OC_OUTPUT_LIMIT", "dialects.onlinecompiler.output_limit");
        m.put("RUNBOX_OC_CALLBACK_URL", "dialects.onlinecompiler.default_callback_url");
        m.put("RUNBOX_JUDGE0_PREFIX", "dialects.judge0.prefix");
        m.put("RUNBOX_JUDGE0_MAX_QUEUE_SIZE", "dialects.judge0.max_queue_size");
        m.put("RUNBOX_ADMIN_TOKEN", "access.admin_token");
        m.put("RUNBOX_ANONYMOUS", "access.anonymous.enabled");
        m.put("RUNBOX_ANONYMOUS_RPM", "access.anonymous.requests_per_minute");
        m.put("RUNBOX_BOOTSTRAP_KEY", "access.bootstrap_key");
        m.put("RUNBOX_DEFAULT_PLAN", "access.default_plan");
        m.put("RUNBOX_SELF_SERVICE", "access.self_service.enabled");
        m.put("RUNBOX_SELF_SERVICE_PLAN", "access.self_service.plan");
        m.put("RUNBOX_SELF_SERVICE_CREDITS", "access.self_service.credits");
        m.put("RUNBOX_SESSION_IDLE_TIMEOUT", "sessions.idle_timeout");
        m.put("RUNBOX_SESSIONS_PER_KEY", "sessions.max_per_key");
        m.put("RUNBOX_DATABASE_URL", "store.url");
        m.put("RUNBOX_NODE_ID", "cluster.node_id");
        m.put("RUNBOX_NODE_ADDRESS", "cluster.address");
        m.put("RUNBOX_CLUSTER_SECRET", "cluster.secret");
        return Map.copyOf(m);
    }

    /**
     * This process's environment with {@code overrides} over it: the one place Runbox reads its environment.
     */
    public static Map<String, String> processEnvironment(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(overrides);
        return env;
    }

    /**
     * The configuration file a start reads: {@code given}, else the one {@value #CONFIG_VARIABLE} names, else
     * {@code runbox.yaml} in the working directory (which may be absent: then defaults apply).
     *
     * @throws IOException when a file named by {@code given} or {@value #CONFIG_VARIABLE} does not exist
     */
    public static Path file(Path given, Map<String, String> env) throws IOException {
        String named = env.get(CONFIG_VARIABLE);
        Path file = given != null ? given : named != null && !named.isBlank() ? Path.of(named) : null;
        if (file == null) {
            return DEFAULT_FILE;
        }
        if (!Files.exists(file)) {
            throw new IOException("configuration file " + file + " does not exist");
        }
        return file;
    }

    /**
     * Reads {@code file} with {@code env}'s {@code RUNBOX_*} variables over it. Every size and duration is parsed
     * here: what is returned holds bytes and {@link java.time.Duration}s.
     *
     * @param file the YAML file; {@code null} or a missing default file means defaults only
     * @param env  the environment (normally {@link #processEnvironment})
     * @throws InvalidConfigException naming the key and the value when a value does not parse, a key is unknown or
     *                                the file is not YAML; naming the key when a secret is too short or a placeholder
     *                                ({@link SecretRules})
     * @throws IOException            when the file cannot be read
     */
    public static RunboxConfig load(Path file, Map<String, String> env) throws IOException {
        ObjectNode tree = YAML.createObjectNode();
        if (file != null && Files.exists(file)) {
            JsonNode read;
            try {
                read = YAML.readTree(file.toFile());
            } catch (JsonProcessingException e) {
                throw new InvalidConfigException(file + " is not valid YAML: " + ConfigErrors.firstLine(e)
                        + ConfigErrors.where(e));
            }
            if (read instanceof ObjectNode o) {
                tree = o;
            } else if (read != null && !read.isMissingNode() && !read.isNull()) {
                throw new InvalidConfigException(file + ": the configuration must be a YAML mapping");
            }
        }
        Map<String, String> fromEnvironment = new HashMap<>();
        for (Map.Entry<String, String> e : ENVIRONMENT.entrySet()) {
            String value = env.get(e.getKey());
            if (value != null && !value.isBlank()) {
                set(tree, e.getValue(), value.trim());
                fromEnvironment.put(e.getValue(), e.getKey());
            }
        }
        RunboxConfig config;
        try {
            config = YAML.treeToValue(tree, RunboxConfig.class);
        } catch (JsonMappingException e) {
            throw new InvalidConfigException(ConfigErrors.describe(e, file, fromEnvironment));
        }
        SecretRules.check(config, file, fromEnvironment);
        return config;
    }

    private static void set(ObjectNode tree, String path, String value) {
        String[] parts = path.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
        }
        node.put(parts[parts.length - 1], value);
    }
}
