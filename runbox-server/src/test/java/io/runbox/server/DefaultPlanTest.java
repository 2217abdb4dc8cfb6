package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.server.config.InvalidConfigException;
import io.runbox.server.http.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A key created without a plan is on {@code access.default_plan}: {@code unlimited} on a self-hosted server unless
 * the operator sets it (on the {@code free} plan, 3 of 5 parallel requests of a fresh install were 429), and the
 * first key printed at first start is {@code unlimited} whatever the default.
 */
class DefaultPlanTest {
    private static final String RUN = "{\"language\": \"python\", \"code\": \"print(1)\"}";

    private static JsonNode createWithoutPlan(TestServer server) throws Exception {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url("/admin/keys")))
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\": \"api\", \"name\": \"no plan\"}")).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void fiveParallelRequestsOfAKeyCreatedWithoutAPlanAllAnswer200() throws Exception {
        try (TestServer server = TestServer.start()) {
            JsonNode created = createWithoutPlan(server);
            assertThat(created.get("plan").asText()).isEqualTo("unlimited");
            String key = created.get("key").asText();
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            var http = java.net.http.HttpClient.newHttpClient();
            for (int i = 0; i < 5; i++) {
                calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(server.url("/v1/execute")))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(RUN)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> c : calls) {
                HttpResponse<String> r = c.get();
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(r.body()).contains("\"stdout\":\"1\\n\"");
            }
            String listed = KeysCliTest.cli(server.dataDir(), "create", "--type", "api", "--name", "cli without plan");
            assertThat(listed).contains("plan=unlimited");
        }
    }

    @Test
    void theOperatorsDefaultPlanAppliesToNewKeysButNotToTheFirstKey() throws Exception {
        Path data = Files.createTempDirectory("runbox-default-plan");
        Path log = data.resolve("serve.log");
        try (ServerProcess server = ServerProcess.start(data, log, Map.of("RUNBOX_DEFAULT_PLAN", "free"))) {
            Matcher first = Pattern.compile("created a first API key (key_[0-9a-f]+)").matcher(Files.readString(log));
            assertThat(first.find()).as(Files.readString(log)).isTrue();
            var http = java.net.http.HttpClient.newHttpClient();
            HttpResponse<String> made = http.send(HttpRequest.newBuilder(URI.create(server.url("/admin/keys")))
                    .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\": \"api\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
            assertThat(Json.MAPPER.readTree(made.body()).get("plan").asText()).isEqualTo("free");
            JsonNode keys = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(server.url("/admin/keys")))
                    .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode k : keys) {
                assertThat(k.get("plan").asText()).as(k.toString())
                        .isEqualTo(k.get("id").asText().equals(first.group(1)) ? "unlimited" : "free");
            }
            assertThat(keys).hasSize(2);
        }
    }

    @Test
    void anUnknownDefaultPlanStopsTheStartNamingTheKey() {
        assertThatThrownBy(() -> TestServer.start(Map.of("RUNBOX_DEFAULT_PLAN", "gold")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("access.default_plan: no plan 'gold' (plans: free, starter, pro, mega, unlimited");
    }
}
