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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP sessions on a cluster of three nodes, each its own process on one PostgreSQL, spoken to as plain JSON-RPC over
 * HTTP: a session opened on one node is used through the others (its calls go to the node that holds it and its
 * answers, event streams included, come back), a forged forwarding proof is refused, a session closed through
 * another node is gone, and once its node is killed a call naming it answers 404, the MCP answer to a session to
 * start again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterMcpTest {
    private static final String SESSION = "Mcp-Session-Id";
    @TempDir
    static Path dir;
    static TestCluster cluster;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static int nextId = 1;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(dir, 3, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    /** A JSON-RPC message to {@code /mcp} on node {@code node}; {@code headers} as name, value, ... */
    private static HttpResponse<String> post(int node, String session, String message, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cluster.node(node).url("/mcp")))
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(message))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream");
        if (session != null) {
            b.header(SESSION, session);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String request(String method, String params) {
        return "{\"jsonrpc\": \"2.0\", \"id\": " + nextId++ + ", \"method\": \"" + method + "\", \"params\": " + params
                + "}";
    }

    /** Opens a session on node {@code node} as a client does: initialize, then notifications/initialized. */
    private static String open(int node) throws Exception {
        HttpResponse<String> init = post(node, null, request("initialize", "{\"protocolVersion\": \"2025-06-18\","
                + " \"capabilities\": {}, \"clientInfo\": {\"name\": \"cluster-test\", \"version\": \"1\"}}"));
        assertThat(init.statusCode()).as(init.body()).isEqualTo(200);
        assertThat(messages(init).getFirst().at("/result/serverInfo/name").asText()).isEqualTo("runbox");
        String session = init.headers().firstValue(SESSION).orElseThrow();
        HttpResponse<String> initialized = post(node, session,
                "{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}");
        assertThat(initialized.statusCode()).as(initialized.body()).isEqualTo(202);
        return session;
    }

    /** The JSON-RPC messages of an answer: its body, or the data of each event of an event stream. */
    private static List<JsonNode> messages(HttpResponse<String> r) throws Exception {
        List<JsonNode> messages = new ArrayList<>();
        if (r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            for (String line : r.body().split("\n")) {
                if (line.startsWith("data:")) {
                    messages.add(Json.MAPPER.readTree(line.substring("data:".length())));
                }
            }
        } else {
            messages.add(Json.MAPPER.readTree(r.body()));
        }
        return messages;
    }

    /** The result of the answer's one response (not a notification). */
    private static JsonNode result(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> responses = messages(r).stream().filter(m -> m.has("id")).toList();
        assertThat(responses).as(r.body()).hasSize(1);
        assertThat(responses.getFirst().has("error")).as(r.body()).isFalse();
        return responses.getFirst().get("result");
    }

    private static HttpResponse<String> runPython(int node, String session, String code) throws Exception {
        return post(node, session, request("tools/call", "{\"name\": \"run_code\", \"arguments\": {\"language\":"
                + " \"python\", \"code\": " + Json.MAPPER.writeValueAsString(code) + "}}"));
    }

    private static String text(JsonNode toolResult) {
        assertThat(toolResult.path("isError").asBoolean(false)).as(toolResult.toString()).isFalse();
        return toolResult.at("/content/0/text").asText();
    }

    @Test
    @Order(1)
    void aSessionOpenedOnOneNodeIsServedThroughTheOthers() throws Exception {
        String session = open(0);
        HttpResponse<String> viaOne = runPython(1, session, "print(6*7)");
        assertThat(viaOne.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/event-stream"));
        assertThat(text(result(viaOne))).contains("42");
        assertThat(text(result(runPython(2, session, "print(6*7)")))).contains("42");
        JsonNode tools = result(post(2, session, request("tools/list", "{}")));
        assertThat(tools.get("tools").findValuesAsText("name")).contains("run_code", "list_compilers");
        assertThat(text(result(runPython(0, session, "print(6*7)")))).as("on the holder itself").contains("42");
    }

    @Test
    @Order(2)
    void aForgedForwardingProofIsRefused() throws Exception {
        String session = open(0);
        String forged = "node-1 " + Instant.now().getEpochSecond() + " " + "ab".repeat(32);
        for (int node : new int[] {0, 1}) {
            HttpResponse<String> r = post(node, session, request("tools/list", "{}"), ForwardProof.HEADER, forged);
            assertThat(r.statusCode()).as("node " + node + ": " + r.body()).isEqualTo(403);
            assertThat(TestServer.json(r).at("/error/code").asText()).isEqualTo("forged_forward");
        }
        assertThat(text(result(runPython(1, session, "print('still here')")))).contains("still here");
    }

    @Test
    @Order(3)
    void aSessionClosedThroughAnotherNodeIsGoneEverywhere() throws Exception {
        String session = open(0);
        HttpResponse<String> closed = HTTP.send(HttpRequest.newBuilder(URI.create(cluster.node(2).url("/mcp")))
                .timeout(Duration.ofMinutes(2)).DELETE().header(SESSION, session).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        for (int node = 0; node < 3; node++) {
            assertThat(post(node, session, request("tools/list", "{}")).statusCode()).as("node " + node)
                    .isEqualTo(404);
        }
    }

    @Test
    @Order(4)
    void aSessionWhoseNodeWasKilledAnswers404() throws Exception {
        String session = open(0);
        assertThat(text(result(runPython(1, session, "print(6*7)")))).contains("42");
        cluster.node(0).kill();

        HttpResponse<String> lost = runPython(1, session, "print(6*7)");
        assertThat(lost.statusCode()).as(lost.body()).isEqualTo(404);
        JsonNode error = TestServer.json(lost);
        assertThat(error.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(error.has("id")).isTrue();
        assertThat(error.at("/error/code").asInt()).isEqualTo(-32001);
        assertThat(error.at("/error/message").asText()).contains("lost");
        HttpResponse<String> again = runPython(2, session, "print(6*7)");
        assertThat(again.statusCode()).as("forgotten: " + again.body()).isEqualTo(404);
        assertThat(again.body()).as("no node is asked any more").doesNotContain("lost");

        String fresh = open(1);
        assertThat(text(result(runPython(2, fresh, "print(6*7)")))).as("a new session works").contains("42");
    }
}
