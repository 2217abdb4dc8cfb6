package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        List<WsClient> admitted = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            WsClient c = WsClient.open(server, "", "Authorization", "Bearer " + free);
            c.send(SLEEP);
            assertThat(c.next().path("stage").asText()).isEqualTo("run");
            admitted.add(c);
        }
        for (int i = 0; i < 3; i++) {
            WsClient extra = WsClient.open(server, "", "Authorization", "Bearer " + free);
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
        WsClient other = WsClient.open(server, "", "Authorization", "Bearer " + server.key());
        other.send(ECHO);
        JsonNode otherExit = other.firstOf("exit");
        assertThat(otherExit.get("run").get("stdout").asText()).isEqualTo("hi\n");
        for (WsClient c : admitted) {
            JsonNode exit = c.firstOf("exit");
            assertThat(exit.get("run").get("stdout").asText()).isEqualTo("slept\n");
        }
        // The slots are free again once the runs ended.
        WsClient again = WsClient.open(server, "", "Authorization", "Bearer " + free);
        again.send(ECHO);
        assertThat(again.firstOf("exit").get("run").get("stdout").asText()).isEqualTo("hi\n");
    }

    @Test
    void everyRunOnOneConnectionCountsAgainstTheQuota() throws Exception {
        String tiny = server.createKey("api", "tiny", null);
        WsClient c = WsClient.open(server, "", "Authorization", "Bearer " + tiny);
        for (int i = 0; i < 3; i++) {
            c.send(ECHO);
            assertThat(c.firstOf("exit").get("run").get("stdout").asText()).isEqualTo("hi\n");
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
}
