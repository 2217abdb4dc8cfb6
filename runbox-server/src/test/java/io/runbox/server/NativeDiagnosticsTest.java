package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Diagnostics on the native wire, over real HTTP and WebSocket against the real sandbox: on the stage that printed
 * them, in the shape {@code /openapi.json} gives, and left out where there are none.
 */
class NativeDiagnosticsTest extends OneServerPerClass {
    private static final String C_ERROR =
            "{\"language\": \"c\", \"code\": \"int main(void) {\\n  return nope;\\n}\\n\"}";

    @Test
    void executeReturnsTheCompileStagesDiagnosticsInTheDocumentedShape() throws Exception {
        HttpResponse<String> r = server.post("/v1/execute", C_ERROR);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode diagnostics = TestServer.json(r).get("compile").get("diagnostics");
        // The error, then gcc's note that it says so once.
        assertThat(diagnostics.size()).as(r.body()).isEqualTo(2);
        assertThat(diagnostics.get(1).get("severity").asText()).isEqualTo("note");
        JsonNode d = diagnostics.get(0);
        assertThat(d.get("file").asText()).isEqualTo("main.c");
        assertThat(d.get("line").asInt()).isEqualTo(2);
        assertThat(d.get("column").asInt()).isEqualTo(10);
        assertThat(d.get("severity").asText()).isEqualTo("error");
        assertThat(d.get("message").asText()).contains("nope").contains("undeclared");

        JsonNode schema = TestServer.json(server.getWith("/openapi.json")).get("components").get("schemas");
        List<String> keys = new ArrayList<>();
        d.fieldNames().forEachRemaining(keys::add);
        List<String> documented = new ArrayList<>();
        schema.get("Diagnostic").get("required").forEach(k -> documented.add(k.asText()));
        assertThat(keys).containsExactlyInAnyOrderElementsOf(documented);
        assertThat(schema.get("Stage").get("properties").has("diagnostics")).isTrue();
    }

    @Test
    void aStageWithoutDiagnosticsHasNoDiagnosticsKey() throws Exception {
        HttpResponse<String> r = server.post("/v1/execute", "{\"language\": \"python\", \"code\": \"print(1)\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(TestServer.json(r).get("run").has("diagnostics")).as(r.body()).isFalse();
    }

    @Test
    void theWebSocketExitMessageCarriesThemToo() throws Exception {
        WsClient c = WsClient.open(server, "?key=" + server.key());
        c.send("{\"type\": \"start\", \"language\": \"python\", \"code\": \"x = 1\\nraise ValueError('boom')\\n\"}");
        List<JsonNode> all = c.until("exit");
        JsonNode d = all.get(all.size() - 1).get("run").get("diagnostics").get(0);
        assertThat(d.get("file").asText()).isEqualTo("main.py");
        assertThat(d.get("line").asInt()).isEqualTo(2);
        assertThat(d.get("message").asText()).isEqualTo("ValueError: boom");
    }
}
