package io.runbox.server.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the configuration: the YAML file if there is one, then environment variables over it. The
 * variables, each overriding one YAML key:
 *
 * <pre>
 * RUNBOX_HOST                     server.host
 * RUNBOX_PORT                     server.port
 * RUNBOX_REQUEST_DEADLINE         server.request_deadline
 * RUNBOX_IDLE_TIMEOUT             server.idle_timeout
 * RUNBOX_MAX_CONNECTIONS_PER_ADDRESS server.max_connections_per_address
 * RUNBOX_DATA_DIR                 data_dir
 * RUNBOX_MAX_CONCURRENT           executions.max_concurrent
 * RUNBOX_MAX_WAITING              executions.max_waiting
 * RUNBOX_MAX_WAIT                 executions.max_wait
 * RUNBOX_WARM_BOXES               executions.warm_boxes
 * RUNBOX_COMPILE_CACHE            executions.compile_cache
 * RUNBOX_JOB_WORKERS              jobs.workers
 * RUNBOX_JOB_MAX_ATTEMPTS         jobs.max_attempts
 * RUNBOX_JOB_LEASE                jobs.lease
 * RUNBOX_CALLBACK_SECRET          callbacks.secret
 * RUNBOX_CALLBACK_MAX_ATTEMPTS    callbacks.max_attempts
 * RUNBOX_CALLBACK_FIRST_RETRY     callbacks.first_retry
 * RUNBOX_CALLBACK_TIMEOUT         callbacks.timeout
 * RUNBOX_CALLBACK_ALLOW_PRIVATE   callbacks.allow_private_addresses
 * RUNBOX_CALLBACK_CONCURRENCY     callbacks.concurrency
 * RUNBOX_CALLBACK_PER_HOST        callbacks.per_host
 * RUNBOX_OC_OUTPUT_LIMIT          dialects.onlinecompiler.output_limit
 * RUNBOX_OC_CALLBACK_URL          dialects.onlinecompiler.default_callback_url
 * RUNBOX_ADMIN_TOKEN              access.admin_token
 * RUNBOX_ANONYMOUS                access.anonymous.enabled
 * RUNBOX_ANONYMOUS_RPM            access.anonymous.requests_per_minute
 * RUNBOX_BOOTSTRAP_KEY            access.bootstrap_key
 * RUNBOX_SESSION_IDLE_TIMEOUT     sessions.idle_timeout
 * RUNBOX_SESSIONS_PER_KEY         sessions.max_per_key
 * </pre>
 */
public final class ConfigLoader {
    /** Environment variable to the YAML path it overrides. */
    public static final Map<String, String> ENVIRONMENT = envMap();

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
        m.put("RUNBOX_MAX_CONCURRENT", "executions.max_concurrent");
        m.put("RUNBOX_MAX_WAITING", "executions.max_waiting");
        m.put("RUNBOX_MAX_WAIT", "executions.max_wait");
        m.put("RUNBOX_WARM_BOXES", "executions.warm_boxes");
        m.put("RUNBOX_COMPILE_CACHE", "executions.compile_cache");
        m.put("RUNBOX_JOB_WORKERS", "jobs.workers");
        m.put("RUNBOX_JOB_MAX_ATTEMPTS", "jobs.max_attempts");
        m.put("RUNBOX_JOB_LEASE", "jobs.lease");
        m.put("RUNBOX_CALLBACK_SECRET", "callbacks.secret");
        m.put("RUNBOX_CALLBACK_MAX_ATTEMPTS", "callbacks.max_attempts");
        m.put("RUNBOX_CALLBACK_FIRST_RETRY", "callbacks.first_retry");
        m.put("RUNBOX_CALLBACK_TIMEOUT", "callbacks.timeout");
        m.put("RUNBOX_CALLBACK_ALLOW_PRIVATE", "callbacks.allow_private_addresses");
        m.put("RUNBOX_CALLBACK_CONCURRENCY", "callbacks.concurrency");
        m.put("RUNBOX_CALLBACK_PER_HOST", "callbacks.per_host");
        m.put("RUNBOX_OC_OUTPUT_LIMIT", "dialects.onlinecompiler.output_limit");
        m.put("RUNBOX_OC_CALLBACK_URL", "dialects.onlinecompiler.default_callback_url");
        m.put("RUNBOX_ADMIN_TOKEN", "access.admin_token");
        m.put("RUNBOX_ANONYMOUS", "access.anonymous.enabled");
        m.put("RUNBOX_ANONYMOUS_RPM", "access.anonymous.requests_per_minute");
        m.put("RUNBOX_BOOTSTRAP_KEY", "access.bootstrap_key");
        m.put("RUNBOX_SESSION_IDLE_TIMEOUT", "sessions.idle_timeout");
        m.put("RUNBOX_SESSIONS_PER_KEY", "sessions.max_per_key");
        return Map.copyOf(m);
    }

    /**
     * @param file the YAML file; {@code null} or a missing default file means defaults only
     * @param env  the environment (normally {@code System.getenv()})
     * @throws IOException naming the file and the offending key when the YAML is invalid
     */
    public static RunboxConfig load(Path file, Map<String, String> env) throws IOException {
        ObjectNode tree = YAML.createObjectNode();
        if (file != null && Files.exists(file)) {
            JsonNode read = YAML.readTree(file.toFile());
            if (read instanceof ObjectNode o) {
                tree = o;
            } else if (read != null && !read.isMissingNode() && !read.isNull()) {
                throw new IOException(file + ": the configuration must be a YAML mapping");
            }
        }
        for (Map.Entry<String, String> e : ENVIRONMENT.entrySet()) {
            String value = env.get(e.getKey());
            if (value != null && !value.isBlank()) {
                set(tree, e.getValue(), value.trim());
            }
        }
        try {
            return YAML.treeToValue(tree, RunboxConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("invalid configuration" + (file == null ? "" : " in " + file) + ": "
                    + e.getOriginalMessage(), e);
        }
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
