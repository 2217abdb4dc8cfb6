package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.server.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket door admits every run as REST admits an execution: a key's concurrent-run cap, rate and monthly
 * quota hold per run, and a refusal is an error message with a retry hint on a connection that stays open.
 */
class RealtimePlanTest {
    static final String PLANS = """
            plans:
              free: {max_concurrent: 2}
              tiny: {requests_per_month: 3}
            """;
    static final String SLEEP = "{\"language\": \"bash\", \"code\": \"sleep 6; echo slept\"}";
    static final String ECHO = "{\"language\": \"bash\", \"code\": \"echo hi\"}";
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        // Server slots to spare, so that only the key's own cap can refuse.
        server = TestServer.start(Map.of("RUNBOX_MAX_CONCURRENT", "6"), PLANS);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aKeyHoldsNoMoreWebSocketRunsThanItsCapWhileAnotherKeyRuns() throws Exception {
        String free = server.createKey("api", "free", null);
        List<Client> admitted = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Client c = Client.open(free);
            c.send(SLEEP);
            assertThat(c.next().path("stage").asText()).isEqualTo("run");
            admitted.add(c);
        }
        for (int i = 0; i < 3; i++) {
            Client extra = Client.open(free);
            extra.send(SLEEP);
            JsonNode refused = extra.next();
            assertThat(refused.path("type").asText()).as(refused.toString()).isEqualTo("error");
            assertThat(refused.path("code").asText()).isEqualTo("too_many_requests");
            assertThat(refused.path("message").asText()).contains("2 executions at once");
            assertThat(refused.path("retry_after").asInt()).isPositive();
            // Refused, not closed: the same connection answers the next message.
            extra.send("{");
            assertThat(extra.next().path("code").asText()).isEqualTo("invalid_json");
            assertThat(extra.closed).isEmpty();
        }
        Client other = Client.open(server.key());
        other.send(ECHO);
        JsonNode otherExit = other.until("exit");
        assertThat(otherExit.get("run").get("stdout").asText()).isEqualTo("hi\n");
        for (Client c : admitted) {
            JsonNode exit = c.until("exit");
            assertThat(exit.get("run").get("stdout").asText()).isEqualTo("slept\n");
        }
        // The slots are free again once the runs ended.
        Client again = Client.open(free);
        again.send(ECHO);
        assertThat(again.until("exit").get("run").get("stdout").asText()).isEqualTo("hi\n");
    }

    @Test
    void everyRunOnOneConnectionCountsAgainstTheQuota() throws Exception {
        String tiny = server.createKey("api", "tiny", null);
        Client c = Client.open(tiny);
        for (int i = 0; i < 3; i++) {
            c.send(ECHO);
            assertThat(c.until("exit").get("run").get("stdout").asText()).isEqualTo("hi\n");
        }
        c.send(ECHO);
        JsonNode refused = c.next();
        assertThat(refused.path("type").asText()).as(refused.toString()).isEqualTo("error");
        assertThat(refused.path("code").asText()).isEqualTo("too_many_requests");
        assertThat(refused.path("message").asText()).contains("monthly quota of 3");
        assertThat(refused.path("retry_after").asInt()).isPositive();
        // And REST agrees: the key's month is used up.
        assertThat(server.postWith("/v1/execute", ECHO, "Authorization", "Bearer " + tiny).statusCode()).isEqualTo(429);
    }

    /** A connected client that queues every message and the close code. */
    static final class Client implements WebSocket.Listener {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<Integer> closed = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket ws;

        static Client open(String key) throws Exception {
            Client c = new Client();
            c.ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + key)
                    .buildAsync(URI.create(server.url("/v1/ws").replace("http://", "ws://")), c).get(10, TimeUnit.SECONDS);
            return c;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(Json.MAPPER.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            closed.add(code);
            return null;
        }

        void send(String json) {
            ws.sendText(json, true).join();
        }

        JsonNode next() throws InterruptedException {
            JsonNode m = messages.poll(30, TimeUnit.SECONDS);
            assertThat(m).as("a message within 30 s").isNotNull();
            return m;
        }

        /** The first message of {@code type}, skipping others. */
        JsonNode until(String type) throws InterruptedException {
            while (true) {
                JsonNode m = next();
                assertThat(m.path("type").asText()).as(m.toString()).isNotEqualTo("error");
                if (m.path("type").asText().equals(type)) {
                    return m;
                }
            }
        }
    }
}
