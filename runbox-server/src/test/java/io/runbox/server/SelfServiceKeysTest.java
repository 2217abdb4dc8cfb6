package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The agent-runner seed's {@code POST /api/keys/create}: off unless the operator enables it, limited per client
 * address, and each key's credits are spent by every run on every door, atomically, then 402 (MCP and Socket.IO:
 * {@code contract.CreditsOnOtherDoorsTest}).
 */
class SelfServiceKeysTest {
    private static final String PYTHON = "{\"language\": \"python\", \"code\": \"print(1)\"}";

    /** Self-service on, each key on the unlimited plan (so only credits limit it) with {@code credits}. */
    private static TestServer server(long credits, int perAddress) throws Exception {
        return TestServer.start(Map.of(), "access:\n  self_service: {enabled: true, plan: unlimited, credits: " + credits
                + ", credits_per_run: 1, per_address: {limit: " + perAddress + ", window: 1h}}\n");
    }

    private static HttpResponse<String> create(TestServer server, String path) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static String newKey(TestServer server) throws Exception {
        HttpResponse<String> r = create(server, "/api/keys/create");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r).get("key").asText();
    }

    @Test
    void offUnlessTheOperatorEnablesIt() throws Exception {
        try (TestServer server = TestServer.start()) {
            for (String path : List.of("/api/keys/create", "/v1/agent-coderunner/api/keys/create")) {
                HttpResponse<String> r = create(server, path);
                assertThat(r.statusCode()).as(path).isEqualTo(403);
                JsonNode e = TestServer.json(r);
                assertThat(e.get("code").asText()).isEqualTo("self_service_disabled");
                assertThat(e.get("error").asText()).contains("access.self_service.enabled");
            }
        }
    }

    @Test
    void aSettingThatCannotBeUsedStopsTheStartNamingItsKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServer.start(Map.of(),
                        "access: {self_service: {enabled: true, plan: gold}}\n"))
                .isInstanceOf(io.runbox.server.config.InvalidConfigException.class)
                .hasMessageStartingWith("access.self_service.plan: no plan 'gold' (plans: free, starter, pro, mega, unlimited");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServer.start(Map.of(),
                        "access: {self_service: {enabled: true, credits_per_run: 0}}\n"))
                .hasMessage("access.self_service.credits_per_run: 0 is below 1");
    }

    @Test
    void aKeyAsTheSeedShowsItUpToTheAddressLimitThen429() throws Exception {
        try (TestServer server = server(200, 2)) {
            HttpResponse<String> first = create(server, "/api/keys/create");
            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            JsonNode k = TestServer.json(first);
            assertThat(k.get("key").asText()).matches("rbx_api_[0-9a-f]{32}");
            assertThat(k.get("credits").asLong()).isEqualTo(200);
            assertThat(k.get("docs").asText()).isEqualTo(server.url("/docs"));
            assertThat(create(server, "/v1/agent-coderunner/api/keys/create").statusCode()).as("the seed's prefix")
                    .isEqualTo(201);

            HttpResponse<String> third = create(server, "/api/keys/create");
            assertThat(third.statusCode()).as(third.body()).isEqualTo(429);
            assertThat(Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow()))
                    .isBetween(3000L, 3600L);
            assertThat(TestServer.json(third).get("error").asText()).contains("created its 2 keys of the last 1 h");
            assertThat(server.postWith("/v1/execute", PYTHON, "Authorization", "Bearer " + k.get("key").asText())
                    .statusCode()).as("the key works at once").isEqualTo(200);
        }
    }

    /** Each REST door, the jobs door, a session and the WebSocket take one credit per run, then answer 402. */
    @Test
    void everyRunOnEveryDoorSpendsACreditThen402() throws Exception {
        String code = URLEncoder.encode("print(1)", StandardCharsets.UTF_8);
        List<String> doors = List.of("POST /v1/execute", "POST /api/execute", "POST /api/v2/execute",
                "POST /api/run-code-sync/", "GET /v1/run", "GET /api/run/python", "POST /v1/jobs",
                "POST /api/sessions/{id}/execute", "WS /v1/ws");
        try (TestServer server = server(doors.size(), 5)) {
            String key = newKey(server);
            String python = Toolchains.defaultId("python");
            HttpResponse<String> session = server.postWith("/api/sessions", "{\"language\": \"python\"}",
                    "Authorization", "Bearer " + key);
            assertThat(session.statusCode()).as("creating a session is no run: " + session.body()).isEqualTo(201);
            String sid = TestServer.json(session).get("id").asText();

            for (int round = 0; round < 2; round++) {
                List<Integer> expected = new ArrayList<>();
                List<Integer> got = new ArrayList<>();
                for (String door : doors) {
                    int status = switch (door) {
                        case "POST /v1/execute" -> server.postWith("/v1/execute", PYTHON, "Authorization", key).statusCode();
                        case "POST /api/execute" -> server.postWith("/api/execute", PYTHON, "Authorization", key).statusCode();
                        case "POST /api/v2/execute" -> server.postWith("/api/v2/execute",
                                "{\"language\": \"python\", \"version\": \"*\", \"files\": [{\"content\": \"print(1)\"}]}",
                                "Authorization", key).statusCode();
                        case "POST /api/run-code-sync/" -> server.postWith("/api/run-code-sync/",
                                "{\"compiler\": \"" + python + "\", \"code\": \"print(1)\", \"input\": \"\"}",
                                "Authorization", key).statusCode();
                        case "GET /v1/run" -> server.getWith("/v1/run?language=python&code=" + code, "Authorization", key)
                                .statusCode();
                        case "GET /api/run/python" -> server.getWith("/api/run/python?code=" + code, "Authorization", key)
                                .statusCode();
                        case "POST /v1/jobs" -> server.postWith("/v1/jobs", PYTHON, "Authorization", key).statusCode();
                        case "POST /api/sessions/{id}/execute" -> server.postWith("/api/sessions/" + sid + "/execute",
                                "{\"code\": \"print(1)\"}", "Authorization", key).statusCode();
                        default -> {
                            WsClient ws = WsClient.open(server, "?key=" + key);
                            ws.send(PYTHON);
                            JsonNode end = ws.untilEnd().getLast();
                            yield end.path("type").asText().equals("exit") ? 200 : end.path("status").asInt();
                        }
                    };
                    got.add(status);
                    expected.add(round == 1 ? 402 : door.equals("POST /v1/jobs") ? 202 : 200);
                }
                assertThat(got).as("round " + round + " on " + doors).isEqualTo(expected);
            }
            HttpResponse<String> refused = server.postWith("/v1/execute", PYTHON, "Authorization", key);
            assertThat(TestServer.json(refused).path("error").path("code").asText()).isEqualTo("credits_exhausted");
            assertThat(TestServer.json(refused).path("error").path("message").asText())
                    .contains("has used up its credits: 0 left, a run costs 1");
            assertThat(server.getWith("/v1/languages", "Authorization", key).statusCode())
                    .as("what runs nothing still answers").isEqualTo(200);
            String listed = KeysCliTest.cli(server.dataDir(), "list");
            assertThat(listed).contains("CREDITS");
            assertThat(listed.lines().filter(l -> l.contains("self-service")).toList()).singleElement()
                    .satisfies(l -> assertThat(l.split("\\s+")[5]).as(l).isEqualTo("0"));
        }
    }

    /** A request refused after admission (malformed, unknown language, over a cap) ran nothing and costs nothing. */
    @Test
    void aRefusedRequestCostsNothing() throws Exception {
        try (TestServer server = server(1, 5)) {
            String key = newKey(server);
            assertThat(server.postWith("/v1/execute", "{\"language\": ", "Authorization", key).statusCode()).isEqualTo(400);
            assertThat(server.postWith("/api/execute", "{\"language\": \"klingon\", \"code\": \"x\"}", "Authorization", key)
                    .statusCode()).isEqualTo(400);
            assertThat(server.postWith("/v1/jobs", "{\"language\": \"python\"}", "Authorization", key).statusCode())
                    .isEqualTo(400);
            assertThat(server.postWith("/v1/execute", PYTHON, "Authorization", key).statusCode()).as("the credit is still there")
                    .isEqualTo(200);
            assertThat(server.postWith("/v1/execute", PYTHON, "Authorization", key).statusCode()).isEqualTo(402);
        }
    }

    /** Two runs at once for the last credit: exactly one runs, the other is 402. */
    @Test
    void twoParallelRunsWithOneCreditLeftExactlyOneRuns() throws Exception {
        try (TestServer server = server(1, 5)) {
            String key = newKey(server);
            HttpClient http = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<String>>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(http.sendAsync(HttpRequest.newBuilder(URI.create(server.url("/v1/execute")))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(PYTHON)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> r : runs) {
                statuses.add(r.get().statusCode());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 402);
        }
    }
}
