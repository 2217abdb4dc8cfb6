package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A permlink saved with {@code save=true} is still there after the server restarts on the same data. */
class PermlinkRestartTest {

    @Test
    void aPermlinkSurvivesARestart() throws Exception {
        String id;
        String dataDir;
        try (TestServer first = TestServer.start()) {
            dataDir = first.dataDir().toString();
            JsonNode d = TestServer.json(first.get("/v1/run?language=python&save=true&stdin=abc"
                    + "&code=print%28input%28%29.upper%28%29%29")).get("data");
            id = d.get("permlink").asText();
            assertThat(id).matches("[0-9a-f]{24}");
            assertThat(d.get("permlink_url").asText()).endsWith("/p/" + id);
            assertThat(d.get("stdout").asText()).isEqualTo("ABC\n");
        }
        try (TestServer second = TestServer.start(Map.of("RUNBOX_DATA_DIR", dataDir))) {
            JsonNode p = TestServer.json(second.get("/p/" + id)).get("data");
            assertThat(p.get("code").asText()).isEqualTo("print(input().upper())");
            assertThat(p.get("stdin").asText()).isEqualTo("abc");
            assertThat(p.get("compiler").asText()).isEqualTo(Toolchains.defaultId("python"));
            assertThat(p.get("result").get("stdout").asText()).isEqualTo("ABC\n");

            HttpResponse<String> html = second.getWith("/p/" + id, "Accept", "text/html,application/xhtml+xml");
            assertThat(html.headers().firstValue("Content-Type").orElse("")).contains("text/html");
            assertThat(html.body()).contains("print(input().upper())").contains("ABC");

            HttpResponse<String> missing = second.get("/p/000000000000000000000000");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(TestServer.json(missing).get("success").asBoolean()).isFalse();
        }
    }
}
