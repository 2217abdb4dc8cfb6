package io.runbox.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code runbox serve} as a process of its own (a node of a benchmark's cluster), on a free loopback port with a
 * temporary data directory, keyless calls let through far above any load, and {@code adminToken} for the admin API.
 */
final class NodeProcess implements AutoCloseable {
    private final Process process;
    final String url;

    private NodeProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /**
     * Starts a node and returns once it answers {@code /health}.
     *
     * @param env more {@code RUNBOX_*} settings (the store's URL, the node's id)
     */
    static NodeProcess start(Path home, String adminToken, Map<String, String> env) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = Files.createTempDirectory("runbox-bench-node");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Drunbox.home=" + home, "-cp", System.getProperty("java.class.path"), "io.runbox.server.cli.Main",
                "serve", "--port", Integer.toString(port)));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("RUNBOX_DATA_DIR", data.toString());
        pb.environment().put("RUNBOX_HOST", "127.0.0.1");
        pb.environment().put("RUNBOX_ANONYMOUS", "true");
        pb.environment().put("RUNBOX_ANONYMOUS_RPM", "100000000");
        pb.environment().put("RUNBOX_BOOTSTRAP_KEY", "false");
        pb.environment().put("RUNBOX_ADMIN_TOKEN", adminToken);
        pb.environment().put("RUNBOX_CALLBACK_ALLOW_PRIVATE", "true");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(data.resolve("server.log").toFile());
        NodeProcess node = new NodeProcess(pb.start(), "http://127.0.0.1:" + port);
        try {
            node.awaitHealthy(Duration.ofSeconds(90));
            return node;
        } catch (Exception e) {
            node.close();
            throw new IllegalStateException(e.getMessage() + "; its log: " + data.resolve("server.log"), e);
        }
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the node exited with " + process.exitValue());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the node did not answer /health within " + timeout);
    }

    /** Stops the node gracefully (SIGTERM) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
