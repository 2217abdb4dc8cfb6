package io.runbox.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.server.config.ConfigLoader;
import io.runbox.server.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Runbox server for tests: random port, its own SQLite file in a temporary data directory, the
 * real sandbox and catalogue. Talks to it over real HTTP.
 */
public final class TestServer implements AutoCloseable {
    /** The admin token of every test server. */
    public static final String ADMIN_TOKEN = "test-admin-token-of-24-characters-or-more";
    /** The callback signing secret of every test server. */
    public static final String CALLBACK_SECRET = "test-callback-secret-of-24-characters-or-more";

    private final RunboxServer server;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newHttpClient();
    private String key;
    private final Map<String, String> keyIds = new java.util.concurrent.ConcurrentHashMap<>();

    private TestServer(RunboxServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    public static Path home() {
        return Path.of(System.getProperty("runbox.home", "..")).toAbsolutePath().normalize();
    }

    /** @param env extra {@code RUNBOX_*} settings, over the test defaults */
    public static TestServer start(Map<String, String> env) throws Exception {
        return start(env, null);
    }

    /** @param yaml a configuration file's text (plans, say), or {@code null} */
    public static TestServer start(Map<String, String> env, String yaml) throws Exception {
        Path data = Files.createTempDirectory("runbox-test-data");
        Map<String, String> all = new HashMap<>();
        all.put("RUNBOX_PORT", "0");
        all.put("RUNBOX_HOST", "127.0.0.1");
        all.put("RUNBOX_DATA_DIR", data.toString());
        all.put("RUNBOX_CALLBACK_SECRET", CALLBACK_SECRET);
        all.put("RUNBOX_CALLBACK_FIRST_RETRY", "200ms");
        // Test receivers listen on 127.0.0.1, which a production server refuses to call.
        all.put("RUNBOX_CALLBACK_ALLOW_PRIVATE", "true");
        all.put("RUNBOX_ADMIN_TOKEN", ADMIN_TOKEN);
        all.put("RUNBOX_BOOTSTRAP_KEY", "false");
        // The whole suite runs in either sandbox mode: RUNBOX_REUSE_BOXES=false and RUNBOX_PRESTART_RUNTIMES=false
        // (and RUNBOX_WARM_COMPILERS=0) reach the test servers as they reach a service.
        for (String mode : List.of("RUNBOX_REUSE_BOXES", "RUNBOX_PRESTART_RUNTIMES", "RUNBOX_WARM_COMPILERS")) {
            if (System.getenv(mode) != null) {
                all.put(mode, System.getenv(mode));
            }
        }
        all.putAll(env);
        Path file = null;
        if (yaml != null) {
            file = data.resolve("runbox.yaml");
            Files.writeString(file, yaml);
        }
        Runbox runbox = new Runbox(home(), ConfigLoader.load(file, all));
        TestServer s = new TestServer(RunboxServer.start(runbox), data);
        s.key = s.createKey("api", "unlimited", null);
        return s;
    }

    /** Creates a key through the admin API and returns its secret. */
    public String createKey(String type, String plan, String extraJson) throws IOException, InterruptedException {
        String body = "{\"type\": \"" + type + "\", \"plan\": \"" + plan + "\""
                + (extraJson == null ? "" : ", " + extraJson) + "}";
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url("/admin/keys")))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("cannot create a key: " + r.statusCode() + " " + r.body());
        }
        JsonNode created = json(r);
        keyIds.put(created.get("key").asText(), created.get("id").asText());
        return created.get("key").asText();
    }

    /** The id of a key this server's helpers created. */
    public String keyId(String secret) {
        return keyIds.get(secret);
    }

    /** The unlimited api key the helpers below send. */
    public String key() {
        return key;
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public static TestServer start() throws Exception {
        return start(Map.of());
    }

    /** Every endpoint the server registered, with its roles. */
    public java.util.List<io.runbox.server.http.RegisteredRoutes.Route> registeredRoutes() {
        return server.registeredRoutes();
    }

    public Path dataDir() {
        return dataDir;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** POST with the test key. */
    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return postWith(path, body, "Authorization", "Bearer " + key);
    }

    /** GET with the test key. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return getWith(path, "Authorization", "Bearer " + key);
    }

    /** POST with the given headers (name, value, ...) and no key unless they carry one. */
    public HttpResponse<String> postWith(String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    /** GET with the given headers (name, value, ...) and no key unless they carry one. */
    public HttpResponse<String> getWith(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    public static JsonNode json(HttpResponse<String> r) throws IOException {
        return Json.MAPPER.readTree(r.body());
    }

    @Override
    public void close() {
        server.stop();
    }
}
