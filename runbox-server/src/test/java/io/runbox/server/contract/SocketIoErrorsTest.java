package io.runbox.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.server.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real {@code socket.io-client}: a malformed {@code runcode} ends with exactly one clear error event. */
class SocketIoErrorsTest {

    @Test
    void aNonStringApiKeyIsAnInvalidRequestAndTheConnectionRunsOn() throws Exception {
        NodeClients.install();
        try (TestServer server = TestServer.start()) {
            String python = null;
            for (JsonNode id : TestServer.json(server.get("/api/compilers/"))) {
                if (python == null && id.asText().startsWith("python-")) {
                    python = id.asText();
                }
            }
            assertThat(python).as("an installed python compiler").isNotNull();
            String out = NodeClients.run(List.of("node", "socket-io-errors.mjs", server.url(""), server.key(), python), 120);
            assertThat(out).contains("\"check\":\"a runcode with a malformed api_key ends with exactly one event\",\"ok\":true")
                    .contains("\"check\":\"and it is an error without a stack trace\",\"ok\":true")
                    .contains("\"check\":\"which says the api_key is not a string\",\"ok\":true")
                    .contains("\"check\":\"the connection runs the next code\",\"ok\":true")
                    .contains("\"check\":\"a number as code is an invalid request naming the field\",\"ok\":true")
                    .contains("\"check\":\"a misspelt field is named with the one it was meant to be\",\"ok\":true")
                    .doesNotContain("\"ok\":false");
        }
    }
}
