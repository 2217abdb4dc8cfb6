package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key's limits hold for a cluster of three nodes on one PostgreSQL, not per node: its concurrent-run cap counts
 * the runs of every node, and its token bucket is one bucket whichever node a request reaches.
 */
class ClusterLimitsTest {
    private static final int NODES = 3;
    private static final int CAP = 4;
    private static final long PER_SECOND = 2;
    private static final String PLANS = """
            plans:
              capped: {max_concurrent: %d}
              limited: {requests_per_second: %d}
            """.formatted(CAP, PER_SECOND);
    /** Long enough that every request of the burst reaches its node's gate while the admitted ones still run. */
    private static final String SLEEPER = "{\"language\": \"bash\", \"code\": \"sleep 8; echo slept\","
            + " \"run_timeout\": 60000}";

    @TempDir
    static Path dir;
    private static TestCluster cluster;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startCluster() throws Exception {
        Path config = dir.resolve("runbox.yaml");
        Files.writeString(config, PLANS);
        // Execution slots to spare on every node, so that only the key's cap can refuse.
        cluster = TestCluster.start(dir, NODES, Map.of("RUNBOX_CONFIG", config.toString(),
                "RUNBOX_MAX_CONCURRENT", Integer.toString(3 * CAP)));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aKeyRunsNoMoreThanItsCapAtOnceOverAllNodes() throws Exception {
        String key = createKey("capped");
        List<HttpResponse<String>> answers = burst(3 * CAP, i -> execute(i % NODES, key, SLEEPER));
        List<HttpResponse<String>> ran = answers.stream().filter(r -> r.statusCode() == 200).toList();
        List<HttpResponse<String>> refused = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(ran).as(statuses(answers)).hasSize(CAP);
        assertThat(refused).as(statuses(answers)).hasSize(2 * CAP);
        for (HttpResponse<String> r : ran) {
            assertThat(TestServer.json(r).path("run").path("stdout").asText()).isEqualTo("slept\n");
        }
        for (HttpResponse<String> r : refused) {
            assertThat(r.body()).contains(CAP + " executions at once");
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
        }
        // Every node freed its slots when its runs ended: each node runs the key again.
        for (int n = 0; n < NODES; n++) {
            HttpResponse<String> again = execute(n, key, "{\"language\": \"bash\", \"code\": \"echo again\"}");
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        }
    }

    @Test
    void aBurstOverAllNodesGetsOneBucketOfTokens() throws Exception {
        String key = createKey("limited");
        for (int n = 0; n < NODES; n++) {
            get(n, null, "/v1/jobs/warm-up"); // anonymous: the key's bucket stays full
        }
        int requests = 10 * NODES;
        long started = System.nanoTime();
        List<HttpResponse<String>> answers = burst(requests, i -> get(i % NODES, key, "/v1/jobs/none-" + i));
        double seconds = (System.nanoTime() - started) / 1e9;
        long admitted = answers.stream().filter(r -> r.statusCode() != 429).count();
        // The bucket refills PER_SECOND tokens a second: the burst may have earned that many more while it ran;
        // three buckets would have admitted NODES times the capacity at once.
        long refilled = (long) Math.floor(PER_SECOND * seconds);
        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isIn(404, 429));
        assertThat(admitted).as("admitted of %d in %.2f s: %s", requests, seconds, statuses(answers))
                .isBetween(PER_SECOND, PER_SECOND + refilled);
    }

    private String createKey(String plan) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(cluster.node(0).url("/admin/keys")))
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\": \"api\", \"plan\": \"" + plan + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode created = TestServer.json(r);
        return created.get("key").asText();
    }

    private HttpResponse<String> execute(int node, String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(cluster.node(node).url("/v1/execute")))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int node, String key, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cluster.node(node).url(path)))
                .timeout(Duration.ofMinutes(1));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @FunctionalInterface
    private interface Call {
        HttpResponse<String> send(int i) throws Exception;
    }

    /** Sends {@code count} calls at once, each on a thread of its own; returns their answers in order. */
    private static List<HttpResponse<String>> burst(int count, Call call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> sent = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(count)) {
            for (int i = 0; i < count; i++) {
                int n = i;
                Callable<HttpResponse<String>> task = () -> {
                    go.await();
                    return call.send(n);
                };
                sent.add(pool.submit(task));
            }
            go.countDown();
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (Future<HttpResponse<String>> f : sent) {
            answers.add(f.get());
        }
        return answers;
    }

    private static String statuses(List<HttpResponse<String>> answers) {
        return answers.stream().map(r -> Integer.toString(r.statusCode())).toList().toString();
    }
}
