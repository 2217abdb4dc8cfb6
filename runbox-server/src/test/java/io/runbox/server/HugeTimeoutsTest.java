package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A timeout larger than the clock can count (with a key whose plan caps nothing) is no error of the service: the
 * program runs to its end. Before, the box's deadline overflowed in nanoseconds and the request answered 500.
 */
class HugeTimeoutsTest extends OneServerPerClass {
    @Test
    void aTimeoutBeyondWhatTheClockCountsRunsTheProgram() throws Exception {
        for (String timeout : new String[] {"1e18", Long.toString(Long.MAX_VALUE), "9223372036854775"}) {
            HttpResponse<String> r = server.post("/v1/execute", "{\"language\": \"python\", \"code\": \"print(6 * 7)\","
                    + " \"run_timeout\": " + timeout + "}");
            assertThat(r.statusCode()).as(timeout + ": " + r.body()).isEqualTo(200);
            JsonNode run = TestServer.json(r).get("run");
            assertThat(run.get("stdout").asText()).isEqualTo("42\n");
        }
    }

    @Test
    void aSessionCallTimeoutBeyondWhatTheClockCountsRunsTheCall() throws Exception {
        HttpResponse<String> created = server.post("/v1/sessions", "{\"language\": \"python\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = TestServer.json(created).get("id").asText();
        HttpResponse<String> r = server.post("/v1/sessions/" + id + "/execute",
                "{\"code\": \"print(6 * 7)\", \"timeout\": " + Long.MAX_VALUE + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("42");
    }
}
