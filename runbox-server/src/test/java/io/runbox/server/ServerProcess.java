package io.runbox.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.server.http.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code runbox serve} as a separate OS process, so a test can SIGKILL it like a crash would. */
final class ServerProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Process process;
    final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ServerProcess start(Path dataDir, Path log, Map<String, String> env) throws Exception {
        return start(dataDir, log, env, List.of());
    }

    /** @param flags more {@code serve} options, after {@code --port} */
    static ServerProcess start(Path dataDir, Path log, Map<String, String> env, List<String> flags) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Drunbox.home=" + TestServer.home(),
                "-cp", System.getProperty("java.class.path"), "io.runbox.server.cli.Main", "serve", "--port",
                Integer.toString(port)));
        command.addAll(flags);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("RUNBOX_DATA_DIR", dataDir.toString());
        pb.environment().put("RUNBOX_HOST", "127.0.0.1");
        // Keyless calls for the tests that drive this process, unless a test turns them off again.
        pb.environment().put("RUNBOX_ANONYMOUS", "true");
        pb.environment().put("RUNBOX_ANONYMOUS_RPM", "1000000");
        pb.environment().put("RUNBOX_ADMIN_TOKEN", TestServer.ADMIN_TOKEN);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        ServerProcess sp = new ServerProcess(pb.start(), port);
        sp.awaitHealthy(Duration.ofSeconds(60));
        return sp;
    }

    long pid() {
        return process.pid();
    }

    /** POSTs {@code json} to {@code path} on this server. */
    HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET /v1/jobs/{id}} on this server, which must answer 200. */
    JsonNode job(String id) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url("/v1/jobs/" + id))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /v1/jobs/" + id + " answered " + r.statusCode() + ": " + r.body());
        }
        return Json.MAPPER.readTree(r.body());
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server process exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/health"))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the server did not become healthy in " + timeout);
    }

    /** SIGKILL: no shutdown hook, no graceful stop, like a crash or the OOM killer. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
