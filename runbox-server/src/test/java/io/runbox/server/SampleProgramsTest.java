package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.server.http.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The code the widget and the playground start with (runbox-widget/src/samples.json, one per language id) runs
 * cleanly on every installed language, with no input as a widget's first run has: exit 0, nothing on stderr.
 */
class SampleProgramsTest extends OneServerPerClass {

    @Test
    void everyInstalledLanguageHasASampleThatRunsCleanlyWithoutInput() throws Exception {
        JsonNode samples = Json.MAPPER.readTree(Files.readString(TestServer.home().resolve("runbox-widget/src/samples.json")));
        JsonNode languages = TestServer.json(server.get("/v1/languages")).get("data").get("languages");
        List<String> failures = new ArrayList<>();
        int ran = 0;
        for (JsonNode language : languages) {
            String id = language.get("id").asText();
            if (!samples.has(id)) {
                failures.add(id + ": no sample");
                continue;
            }
            HttpResponse<String> r = server.post("/v1/execute", "{\"language\": \"" + id + "\", \"code\": "
                    + Json.MAPPER.writeValueAsString(samples.get(id).asText()) + "}");
            JsonNode run = TestServer.json(r).path("run");
            ran++;
            if (r.statusCode() != 200 || run.path("code").asInt(-1) != 0 || !run.path("stderr").asText().isEmpty()
                    || run.path("stdout").asText().isEmpty()) {
                failures.add(id + ": " + r.body());
            }
        }
        assertThat(ran).isGreaterThan(0);
        assertThat(failures).isEmpty();
    }
}
