package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.runbox.server.http.Json;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs on a cluster of three nodes sharing one PostgreSQL (the test's own): 300 jobs accepted by all three, one
 * node SIGKILLed while they run. None is lost, none ends twice, and every callback arrives with one delivery key per
 * job. Then the database itself goes away under load: the nodes answer 503 with Retry-After meanwhile, reconnect,
 * and lose nothing they accepted.
 */
class ClusterJobsTest {
    private static final int JOBS = 300;
    /** Short leases, so that the killed node's jobs are taken by the others within seconds. */
    private static final Map<String, String> ENV = Map.of("RUNBOX_JOB_WORKERS", "2", "RUNBOX_MAX_CONCURRENT", "2",
            "RUNBOX_JOB_LEASE", "6s", "RUNBOX_CALLBACK_ALLOW_PRIVATE", "true", "RUNBOX_CALLBACK_FIRST_RETRY", "1s",
            "RUNBOX_WARM_COMPILERS", "0");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /** A callback receiver that answers 200 and keeps, per job, the delivery keys it saw and the bodies. */
    private static final class Receiver implements AutoCloseable {
        record Delivery(String job, String key, String body) {
        }

        private final HttpServer server;
        final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
        final Map<String, Set<String>> keysByJob = new ConcurrentHashMap<>();

        Receiver() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/cb", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String job = exchange.getRequestHeaders().getFirst("X-Runbox-Job");
                String key = exchange.getRequestHeaders().getFirst("X-Runbox-Delivery");
                deliveries.add(new Delivery(job, key, body));
                keysByJob.computeIfAbsent(job, j -> ConcurrentHashMap.newKeySet()).add(String.valueOf(key));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/cb";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void threeNodesRunThreeHundredJobsAndLoseNoneWhenOneIsKilled() throws Exception {
        try (Receiver receiver = new Receiver(); TestCluster cluster = TestCluster.start(dir, 3, ENV)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                ServerProcess node = cluster.node(i % 3);
                HttpResponse<String> r = node.post("/v1/jobs", "{\"language\": \"python\", \"code\": "
                        + "\"print('job-" + i + "')\", \"callback_url\": \"" + receiver.url() + "\"}");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                ids.add(Json.MAPPER.readTree(r.body()).get("id").asText());
            }
            // Some are done, many are still to run: node-0 dies now, with whatever it had claimed.
            assertThat(Await.until(Duration.ofMinutes(3), () -> receiver.keysByJob.size() >= 60)).as("60 callbacks").isTrue();
            cluster.node(0).kill();

            assertThat(Await.until(Duration.ofMinutes(6), () -> receiver.keysByJob.keySet().containsAll(ids))).as("a callback for every job").isTrue();
            int done = 0;
            for (int i = 0; i < JOBS; i++) {
                JsonNode job = cluster.node(1 + i % 2).job(ids.get(i));
                String status = job.get("status").asText();
                if (status.equals("done")) {
                    done++;
                    assertThat(job.get("result").get("run").get("stdout").asText()).isEqualTo("job-" + i + "\n");
                } else {
                    assertThat(status).isEqualTo("failed");
                    assertThat(job.get("error").asText()).as("a failed job says why").isNotBlank();
                }
            }
            assertThat(done).as("at most the jobs node-0 was running can have been interrupted twice")
                    .isGreaterThanOrEqualTo(JOBS - 4);
            // One end per job: a second end would have scheduled a second delivery, with a key of its own.
            Map<String, Set<String>> severalKeys = receiver.keysByJob.entrySet().stream()
                    .filter(e -> e.getValue().size() != 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertThat(severalKeys).as("jobs whose callback came with more than one delivery key").isEmpty();
            assertThat(receiver.deliveries).allSatisfy(d -> assertThat(d.key()).matches("[0-9a-f]{32}"));
            for (Receiver.Delivery d : receiver.deliveries) {
                int i = ids.indexOf(d.job());
                JsonNode body = Json.MAPPER.readTree(d.body());
                assertThat(body.toString()).as("the callback of job %d", i).contains(d.job());
            }
            long repeats = receiver.deliveries.size() - receiver.keysByJob.size();
            System.out.printf("cluster of 3, node-0 SIGKILLed: %d jobs done, %d failed, %d deliveries for %d jobs%n",
                    done, JOBS - done, receiver.deliveries.size(), receiver.keysByJob.size());
            // At most the tries node-0 had in flight when it died (callbacks.concurrency, 16), each again with its key.
            assertThat(repeats).as("a delivery is tried again only if node-0 died during its try, with its key")
                    .isLessThanOrEqualTo(16);

            JsonNode nodes = admin(cluster.node(1), "/admin/nodes");
            assertThat(nodes.get("self").asText()).isEqualTo("node-1");
            List<String> listed = new ArrayList<>();
            nodes.get("nodes").forEach(n -> listed.add(n.get("id").asText()));
            assertThat(listed).contains("node-1", "node-2");
            nodes.get("nodes").forEach(n -> {
                if (!n.get("id").asText().equals("node-0")) {
                    assertThat(n.get("state").asText()).isEqualTo("serving");
                    assertThat(n.get("address").asText()).startsWith("http://127.0.0.1:");
                    assertThat(n.get("languages").toString()).contains("python");
                }
            });
        }
    }

    @Test
    void theDatabaseRestartedUnderLoadLosesNothingAcceptedAndRequestsMeanwhileAnswer503() throws Exception {
        try (Receiver receiver = new Receiver(); TestCluster cluster = TestCluster.start(dir, 2, ENV)) {
            List<String> accepted = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                accepted.add(submit(cluster.node(i % 2), i, receiver));
            }
            cluster.postgres.stop();
            HttpResponse<String> refused = cluster.node(0).post("/v1/jobs",
                    "{\"language\": \"python\", \"code\": \"print(1)\"}");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(Json.MAPPER.readTree(refused.body()).get("error").get("code").asText())
                    .isEqualTo("store_unavailable");
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(cluster.node(1).url("/health")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("keyless runs need no database: the node stays up").isEqualTo(200);
            cluster.postgres.start();

            for (int i = 20; i < 40; i++) {
                accepted.add(submit(cluster.node(i % 2), i, receiver));
            }
            assertThat(Await.until(Duration.ofMinutes(4), () -> receiver.keysByJob.keySet().containsAll(accepted))).as("a callback for every accepted job").isTrue();
            for (int i = 0; i < accepted.size(); i++) {
                JsonNode job = cluster.node(i % 2).job(accepted.get(i));
                assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("done");
                assertThat(job.get("result").get("run").get("stdout").asText()).isEqualTo("job-" + i + "\n");
            }
            assertThat(Files.readString(cluster.log(0)) + Files.readString(cluster.log(1)))
                    .as("the nodes say the store was away").contains("unavailable");
        }
    }

    @Test
    void aNodeStoppedWithSigtermDrainsAndGivesItsUnfinishedJobsToAnother() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.put("RUNBOX_JOB_GRACE", "3s");
        try (TestCluster cluster = TestCluster.start(dir, 2, env)) {
            // Four runs longer than the 3 s a stopping node gives its runs here: each node takes two.
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> r = cluster.node(i % 2).post("/v1/jobs", "{\"language\": \"python\","
                        + " \"code\": \"import time\\ntime.sleep(8)\\nprint('long-" + i + "')\","
                        + " \"run_timeout\": 30000}");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                ids.add(Json.MAPPER.readTree(r.body()).get("id").asText());
            }
            assertThat(Await.until(Duration.ofMinutes(2), () -> {
                for (String id : ids) {
                    if (!cluster.node(0).job(id).get("status").asText().equals("running")) {
                        return false;
                    }
                }
                return true;
            })).as("all four running, two on each node").isTrue();

            cluster.node(1).close();

            assertThat(Files.readString(cluster.log(1))).contains("gave 2 job(s) still running back to the queue");
            List<String> listed = new ArrayList<>();
            admin(cluster.node(0), "/admin/nodes").get("nodes").forEach(n -> listed.add(n.get("id").asText()));
            assertThat(listed).as("a drained node leaves the list").containsExactly("node-0");
            int again = 0;
            for (int i = 0; i < 4; i++) {
                String id = ids.get(i);
                assertThat(Await.until(Duration.ofMinutes(3),
                        () -> cluster.node(0).job(id).get("status").asText().equals("done"))).as(id).isTrue();
                JsonNode job = cluster.node(0).job(id);
                assertThat(job.get("result").get("run").get("stdout").asText()).isEqualTo("long-" + i + "\n");
                again += job.get("attempts").asInt() == 2 ? 1 : 0;
            }
            assertThat(again).as("the two the drained node gave back ran again on node-0").isEqualTo(2);
        }
    }

    @Test
    void aJobForALanguageOnlySomeNodesHaveIsAcceptedByAnyNodeAndRunByThoseThatHaveIt() throws Exception {
        Path pythonOnly = dir.resolve("languages-python-only");
        copyTree(TestServer.home().resolve("languages/python"), pythonOnly.resolve("python"));
        try (TestCluster cluster = TestCluster.start(dir, 1, ENV)) {
            ServerProcess lacksC = cluster.addNode(Map.of("RUNBOX_LANGUAGES_DIR", pythonOnly.toString()));
            JsonNode nodes = admin(lacksC, "/admin/nodes");
            assertThat(nodes.get("nodes").get(1).get("languages").toString()).isEqualTo("[\"python\"]");
            HttpResponse<String> sync = lacksC.post("/v1/execute", "{\"language\": \"c\", \"code\": \"int main(){}\"}");
            assertThat(sync.statusCode()).as("this node runs no C itself: " + sync.body()).isEqualTo(400);
            HttpResponse<String> nowhere = lacksC.post("/v1/jobs", "{\"language\": \"cobolt\", \"code\": \"x\"}");
            assertThat(nowhere.statusCode()).as("no node has it: " + nowhere.body()).isEqualTo(400);

            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> r = lacksC.post("/v1/jobs", "{\"language\": \"c\", \"code\": "
                        + "\"#include <stdio.h>\\nint main(void) { printf(\\\"c-" + i + "\\\\n\\\"); return 0; }\"}");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                ids.add(Json.MAPPER.readTree(r.body()).get("id").asText());
            }
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                assertThat(Await.until(Duration.ofMinutes(2), () -> Set.of("done", "failed")
                        .contains(lacksC.job(id).get("status").asText()))).as(id).isTrue();
                JsonNode job = lacksC.job(id);
                assertThat(job.get("status").asText()).as("claimed only by node-0, which has C: " + job).isEqualTo("done");
                assertThat(job.get("result").get("run").get("stdout").asText()).isEqualTo("c-" + i + "\n");
                assertThat(job.get("attempts").asInt()).isEqualTo(1);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private String submit(ServerProcess node, int i, Receiver receiver) throws Exception {
        HttpResponse<String> r = node.post("/v1/jobs", "{\"language\": \"python\", \"code\": \"print('job-" + i
                + "')\", \"callback_url\": \"" + receiver.url() + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return Json.MAPPER.readTree(r.body()).get("id").asText();
    }


    private JsonNode admin(ServerProcess node, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(node.url(path)))
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }
}
