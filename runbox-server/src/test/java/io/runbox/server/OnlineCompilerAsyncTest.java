package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.server.http.Json;
import io.runbox.server.jobs.CallbackSigner;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/run-code/}: 202 with an id, then the seed's callback body (the result with
 * {@code extra_params} passed through unchanged) POSTed to the request's own URL, the key's redirect URL or the
 * configured default; with none of them, a 400 that says so.
 */
class OnlineCompilerAsyncTest {

    @Test
    void resultsReachTheDefaultCallbackWithExtraParams() throws Exception {
        try (CallbackReceiver receiver = new CallbackReceiver(0);
             TestServer server = TestServer.start(Map.of("RUNBOX_OC_CALLBACK_URL", receiver.url()))) {
            HttpResponse<String> r = server.post("/api/run-code/", "{\"compiler\": \"" + Toolchains.defaultId("python")
                    + "\", \"code\": \"name = input()\\nprint(f\\\"Hello, {name}!\\\")\", \"input\": \"World\","
                    + " \"extra_params\": {\"submission\": 42, \"user\": \"ada\"}}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            JsonNode accepted = TestServer.json(r);
            assertThat(accepted.get("status").asText()).isEqualTo("queued");
            String id = accepted.get("id").asText();

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (receiver.deliveries().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(receiver.deliveries()).hasSize(1);
            CallbackReceiver.Delivery d = receiver.deliveries().get(0);
            assertThat(d.signature()).isEqualTo(new CallbackSigner(TestServer.CALLBACK_SECRET).sign(d.body()));
            JsonNode body = Json.MAPPER.readTree(d.body());
            assertThat(body.get("output").asText()).isEqualTo("Hello, World!\n");
            assertThat(body.get("status").asText()).isEqualTo("success");
            assertThat(body.get("exit_code").asInt()).isZero();
            assertThat(body.get("time").asText()).matches("\\d+\\.\\d{4}");
            assertThat(body.get("memory").isTextual()).isTrue();
            assertThat(body.get("extra_params").toString()).isEqualTo("{\"submission\":42,\"user\":\"ada\"}");
            assertThat(body.get("id").asText()).isEqualTo(id);
        }
    }

    @Test
    void aRequestsOwnCallbackUrlWins() throws Exception {
        try (CallbackReceiver receiver = new CallbackReceiver(0); TestServer server = TestServer.start()) {
            HttpResponse<String> r = server.post("/api/run-code/", "{\"compiler\": \"" + Toolchains.defaultId("c")
                    + "\", \"code\": \"int main(void) { return 3; }\", \"callback_url\": \"" + receiver.url() + "\"}");
            assertThat(r.statusCode()).isEqualTo(202);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (receiver.deliveries().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            JsonNode body = Json.MAPPER.readTree(receiver.deliveries().get(0).body());
            assertThat(body.get("status").asText()).isEqualTo("error");
            assertThat(body.get("exit_code").asInt()).isEqualTo(3);
            assertThat(body.get("extra_params").toString()).isEqualTo("{}");
        }
    }

    @Test
    void anAsyncRunWithNowhereToDeliverItsResultIsA400SayingSo() throws Exception {
        try (TestServer server = TestServer.start()) {
            // No callback_url, a key without a redirect URL, no dialects.onlinecompiler.default_callback_url.
            HttpResponse<String> r = server.post("/api/run-code/", "{\"compiler\": \"" + Toolchains.defaultId("python")
                    + "\", \"code\": \"print(1)\"}");
            assertThat(r.statusCode()).isEqualTo(400);
            JsonNode e = TestServer.json(r);
            assertThat(e.get("status").asText()).isEqualTo("error");
            assertThat(e.get("code").asText()).isEqualTo("no_callback_url");
            assertThat(e.get("field").asText()).isEqualTo("callback_url");
            assertThat(e.get("error").asText()).contains("callback_url").contains("redirect URL")
                    .contains("dialects.onlinecompiler.default_callback_url").contains("/api/run-code-sync/");
        }
    }

    @Test
    void aKeysRedirectUrlIsEnoughAndTheIdIsTheJobsOpaqueString() throws Exception {
        try (CallbackReceiver receiver = new CallbackReceiver(0); TestServer server = TestServer.start()) {
            String key = server.createKey("api", "unlimited", "\"redirect_url\": \"" + receiver.url() + "\"");
            HttpResponse<String> r = server.postWith("/api/run-code/", "{\"compiler\": \"python\", \"code\": \"print(2)\"}",
                    "Authorization", key);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            JsonNode id = TestServer.json(r).get("id");
            assertThat(id.isTextual()).as("a string, documented as such").isTrue();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (receiver.deliveries().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            JsonNode body = Json.MAPPER.readTree(receiver.deliveries().get(0).body());
            assertThat(body.get("id")).isEqualTo(id);
            assertThat(body.get("output").asText()).isEqualTo("2\n");
            assertThat(body.get("compiler").asText()).isEqualTo(Toolchains.defaultId("python"));
        }
    }
}
