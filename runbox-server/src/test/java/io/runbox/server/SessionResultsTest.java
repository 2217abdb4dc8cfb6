package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.server.http.Json;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A session call's results over real HTTP: the files it names ({@code output_files}) and the figures it shows, in
 * the native API's wire shape, a DataFrame left last as {@code table}, on both session doors; bad patterns are a
 * JSON error.
 */
class SessionResultsTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("RUNBOX_SESSIONS_PER_KEY", "20"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> exec(String base, String id, Map<String, Object> body) throws Exception {
        return server.post(base + "/" + id + "/execute", Json.MAPPER.writeValueAsString(body));
    }

    @Test
    void aCallReturnsItsFilesFiguresAndTableOnTheNativeDoor() throws Exception {
        String id = SessionsTest.create(server, "python");
        HttpResponse<String> r = exec("/v1/sessions", id, Map.of("code", """
                import matplotlib.pyplot as plt, pandas as pd
                open('out.csv', 'w').write('a\\n1\\n')
                plt.plot([1, 2]); plt.show()
                pd.DataFrame({'a': [1, 2]})""", "output_files", java.util.List.of("*.csv")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = TestServer.json(r);
        assertThat(body.get("status").asText()).as(body.toString()).isEqualTo("OK");
        JsonNode files = body.get("files");
        assertThat(files).hasSize(2);
        JsonNode figure = files.get(0);
        assertThat(figure.get("name").asText()).isEqualTo(".runbox-figures/figure-1.png");
        assertThat(figure.get("mime").asText()).isEqualTo("image/png");
        assertThat(figure.get("encoding").asText()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(figure.get("content").asText())).startsWith(0x89, 'P', 'N', 'G');
        assertThat(figure.get("truncated").asBoolean()).isFalse();
        assertThat(figure.get("omitted").asBoolean()).isFalse();
        JsonNode csv = files.get(1);
        assertThat(csv.get("name").asText()).isEqualTo("out.csv");
        assertThat(csv.get("encoding").asText()).isEqualTo("utf-8");
        assertThat(csv.get("content").asText()).isEqualTo("a\n1\n");
        assertThat(csv.get("size").asLong()).isEqualTo(4);
        JsonNode table = body.get("table");
        assertThat(table.get("columns").toString()).isEqualTo("[\"a\"]");
        assertThat(table.get("records").toString()).isEqualTo("[{\"a\":1},{\"a\":2}]");
        assertThat(table.get("html").asText()).startsWith("<table");
        assertThat(table.get("rows").asLong()).isEqualTo(2);
        assertThat(table.get("truncated").asBoolean()).isFalse();
    }

    @Test
    void theAgentRunnerDoorCarriesThemTooAndACallWithoutThemHasNoTable() throws Exception {
        String id = SessionsTest.create(server, "python");
        JsonNode body = TestServer.json(exec("/api/sessions", id, Map.of("code",
                "open('a.txt', 'w').write('hi')\n41 + 1", "output_files", java.util.List.of("*.txt"),
                "output_images", true)));
        assertThat(body.get("exitCode").asInt()).isZero();
        assertThat(body.get("files").toString()).contains("\"name\":\"a.txt\"").contains("\"content\":\"hi\"");
        assertThat(body.has("table")).isFalse();
    }

    @Test
    void aBadPatternIsAJsonErrorAndRunsNothing() throws Exception {
        String id = SessionsTest.create(server, "python");
        HttpResponse<String> r = exec("/v1/sessions", id, Map.of("code", "open('ran', 'w')",
                "output_files", java.util.List.of("../etc/*")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(TestServer.json(r).toString()).contains("output_files");
        JsonNode files = TestServer.json(server.get("/v1/sessions/" + id)).get("files");
        assertThat(files.toString()).doesNotContain("\"ran\"");
    }
}
