package io.runbox.server.api.judge0;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.server.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Submissions are jobs of the store: a token reads the same after the server restarts on the same data, whether the
 * submission ran while its client waited or in the queue, and with the key given as Judge0's {@code X-Auth-Token}
 * under the configured prefix.
 */
class Judge0RestartTest {

    @Test
    void aSubmissionsTokenReadsTheSameAfterARestart() throws Exception {
        String dataDir;
        String key;
        String waited;
        String queued;
        try (TestServer first = TestServer.start(Map.of("RUNBOX_JUDGE0_PREFIX", "/api/judge0"))) {
            dataDir = first.dataDir().toString();
            key = first.key();
            Judge0Client client = new Judge0Client(first, "/api/judge0", key);
            waited = TestServer.json(client.post("/submissions?wait=true",
                    Judge0ApiTest.submission("print(6 * 7)", 71).toString())).get("token").asText();
            queued = TestServer.json(client.post("/submissions",
                    Judge0ApiTest.submission("print('queued')", 71).toString())).get("token").asText();
            client.await(queued, "");
            assertThat(new Judge0Client(first, "/judge0", key).get("/submissions/" + queued).statusCode())
                    .as("the default prefix is replaced, not added to").isEqualTo(404);
        }
        try (TestServer second = TestServer.start(Map.of("RUNBOX_DATA_DIR", dataDir))) {
            Judge0Client client = new Judge0Client(second, "", key);
            JsonNode w = client.await(waited, "");
            assertThat(w.get("stdout").asText()).isEqualTo("42\n");
            assertThat(w.get("status").get("id").asInt()).isEqualTo(3);
            JsonNode q = client.await(queued, "?fields=stdout,status_id,language_id");
            assertThat(q.toString()).isEqualTo("{\"stdout\":\"queued\\n\",\"status_id\":3,\"language_id\":71}");
        }
    }
}
