package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.server.cluster.ForwardProof;
import io.runbox.server.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions on a cluster of three nodes, each its own process on one PostgreSQL: a session made on one node is used
 * through the others (its calls go to the node that holds it), a forged forwarding proof is refused, and once its
 * node is killed the session is reported lost, then forgotten.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSessionsTest {
    @TempDir
    static Path dir;
    static TestCluster cluster;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(dir, 3, Map.of("RUNBOX_SESSIONS_PER_KEY", "20"));
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    private static HttpResponse<String> send(int node, String method, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cluster.node(node).url(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String create(int node) throws Exception {
        HttpResponse<String> r = send(node, "POST", "/api/sessions", "{\"language\": \"python\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r).get("id").asText();
    }

    private static HttpResponse<String> execute(int node, String base, String id, String code) throws Exception {
        return send(node, "POST", base + "/" + id + "/execute", "{\"code\": " + Json.MAPPER.writeValueAsString(code) + "}");
    }

    private static JsonNode ok(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.json(r);
    }

    @Test
    @Order(1)
    void aSessionMadeOnOneNodeKeepsItsStateThroughTheOthers() throws Exception {
        String id = create(0);
        assertThat(ok(execute(1, "/api/sessions", id, "x = 41")).get("exitCode").asInt()).isZero();
        assertThat(ok(execute(2, "/api/sessions", id, "print(x + 1)")).get("stdout").asText()).isEqualTo("42");
        assertThat(ok(execute(1, "/v1/sessions", id, "x += 1\nprint(x)")).get("stdout").asText()).isEqualTo("42\n");

        HttpResponse<String> up = send(1, "POST", "/api/sessions/" + id + "/files",
                "{\"filename\": \"data.txt\", \"content\": \"made on node 1\"}");
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        HttpResponse<String> down = send(2, "GET", "/api/sessions/" + id + "/files/data.txt", null);
        assertThat(down.statusCode()).as(down.body()).isEqualTo(200);
        assertThat(down.body()).isEqualTo("made on node 1");
        assertThat(down.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/octet-stream"));
        HttpResponse<String> missing = send(2, "GET", "/api/sessions/" + id + "/files/nothing.txt", null);
        assertThat(missing.statusCode()).as("the holder's own 404, passed on").isEqualTo(404);
        assertThat(TestServer.json(missing).get("code").asText()).isEqualTo("not_found");

        JsonNode info = ok(send(2, "GET", "/v1/sessions/" + id, null));
        assertThat(info.get("language").asText()).isEqualTo("python");
        assertThat(info.get("files").findValuesAsText("name")).contains("data.txt");
        assertThat(ok(execute(0, "/api/sessions", id, "print(x)")).get("stdout").asText())
                .as("the state all those calls left on the holder").isEqualTo("42");
    }

    @Test
    @Order(2)
    void aSessionDeletedThroughAnotherNodeIsGoneEverywhere() throws Exception {
        String id = create(0);
        assertThat(ok(send(2, "DELETE", "/api/sessions/" + id, null)).get("deleted").asBoolean()).isTrue();
        for (int node = 0; node < 3; node++) {
            assertThat(execute(node, "/api/sessions", id, "print(1)").statusCode()).as("node " + node).isEqualTo(404);
        }
        assertThat(execute(1, "/api/sessions", "ses_nobodyhasthisone", "print(1)").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void aForgedForwardingProofIsRefused() throws Exception {
        String id = create(0);
        String forged = "node-1 " + Instant.now().getEpochSecond() + " " + "ab".repeat(32);
        for (int node : new int[] {0, 1}) {
            HttpResponse<String> r = send(node, "POST", "/v1/sessions/" + id + "/execute", "{\"code\": \"print(1)\"}",
                    ForwardProof.HEADER, forged);
            assertThat(r.statusCode()).as("node " + node + ": " + r.body()).isEqualTo(403);
            assertThat(TestServer.json(r).at("/error/code").asText()).isEqualTo("forged_forward");
        }
        assertThat(ok(execute(1, "/api/sessions", id, "print('still here')")).get("stdout").asText())
                .isEqualTo("still here");
    }

    @Test
    @Order(4)
    void aSessionWhoseNodeWasKilledIsLostThenForgotten() throws Exception {
        String agentRunner = create(0);
        String nativeOne = create(0);
        assertThat(ok(execute(1, "/api/sessions", agentRunner, "print(1)")).get("stdout").asText()).isEqualTo("1");
        cluster.node(0).kill();

        HttpResponse<String> lost = execute(1, "/api/sessions", agentRunner, "print(1)");
        assertThat(lost.statusCode()).as(lost.body()).isEqualTo(410);
        assertThat(TestServer.json(lost).get("code").asText()).isEqualTo("session_lost");
        HttpResponse<String> again = execute(1, "/api/sessions", agentRunner, "print(1)");
        assertThat(again.statusCode()).as("forgotten: " + again.body()).isEqualTo(404);

        HttpResponse<String> lostNative = execute(2, "/v1/sessions", nativeOne, "print(1)");
        assertThat(lostNative.statusCode()).as(lostNative.body()).isEqualTo(410);
        assertThat(TestServer.json(lostNative).at("/error/code").asText()).isEqualTo("session_lost");
        assertThat(execute(1, "/v1/sessions", nativeOne, "print(1)").statusCode()).isEqualTo(404);
    }
}
