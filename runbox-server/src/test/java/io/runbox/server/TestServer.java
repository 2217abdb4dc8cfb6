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
import java.util.Map;

/**
 * A real Runbox server for tests: random port, its own SQLite file in a temporary data directory, the
 * real sandbox and catalogue. Talks to it over real HTTP.
 */
public final class TestServer implements AutoCloseable {
    private final RunboxServer server;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestServer(RunboxServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    public static Path home() {
        return Path.of(System.getProperty("runbox.home", "..")).toAbsolutePath().normalize();
    }

    /** @param env extra {@code RUNBOX_*} settings, over the test defaults */
    public static TestServer start(Map<String, String> env) throws Exception {
        Path data = Files.createTempDirectory("runbox-test-data");
        Map<String, String> all = new HashMap<>();
        all.put("RUNBOX_PORT", "0");
        all.put("RUNBOX_HOST", "127.0.0.1");
        all.put("RUNBOX_DATA_DIR", data.toString());
        all.put("RUNBOX_CALLBACK_SECRET", "test-secret");
        all.put("RUNBOX_CALLBACK_FIRST_RETRY", "200ms");
        all.putAll(env);
        Runbox runbox = new Runbox(home(), ConfigLoader.load(null, all));
        return new TestServer(RunboxServer.start(runbox), data);
    }

    public static TestServer start() throws Exception {
        return start(Map.of());
    }

    public Path dataDir() {
        return dataDir;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(HttpResponse<String> r) throws IOException {
        return Json.MAPPER.readTree(r.body());
    }

    @Override
    public void close() {
        server.stop();
    }
}
