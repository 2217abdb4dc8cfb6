package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbox.server.http.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code output_files} and {@code output_images} through the native doors (sync, jobs, {@code /v1/ws}): the files
 * come back typed, the plan's caps hold (asked above them: 422; left at the default: lowered to the plan's, for a job
 * as for a sync run), and a bad pattern is a clear 400.
 */
class OutputFilesApiTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of(), "plans:\n  small-files: {max_output_file: 4m, max_output_files: 8m}\n");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Writes a CSV, a PNG (its header and zeros), a text file not asked for and {@code n} MiB of binary. */
    private static String program(int mib) {
        return """
                import os
                os.makedirs('out')
                open('out/table.csv', 'w').write('a,b\\n1,2\\n')
                open('plot.png', 'wb').write(b'\\x89PNG\\r\\n\\x1a\\n' + bytes(2000))
                open('notes.txt', 'w').write('not asked for')
                open('big.bin', 'wb').write(bytes(%d * 1024 * 1024))
                print('written')
                """.formatted(mib);
    }

    private static ObjectNode body(int mib) {
        ObjectNode b = Json.MAPPER.createObjectNode().put("language", "python").put("code", program(mib));
        b.putArray("output_files").add("out/*.csv").add("*.png").add("*.bin");
        return b;
    }

    @Test
    void aSyncRunReturnsTheFilesItWasAskedForTextAsTextTheRestInBase64() throws Exception {
        HttpResponse<String> r = server.post("/v1/execute", body(1).toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode files = TestServer.json(r).get("files");
        assertThat(files).extracting(f -> f.get("name").asText()).containsExactly("big.bin", "out/table.csv",
                "plot.png");
        JsonNode csv = files.get(1);
        assertThat(csv.get("mime").asText()).isEqualTo("text/csv");
        assertThat(csv.get("encoding").asText()).isEqualTo("utf-8");
        assertThat(csv.get("content").asText()).isEqualTo("a,b\n1,2\n");
        JsonNode png = files.get(2);
        assertThat(png.get("mime").asText()).isEqualTo("image/png");
        assertThat(png.get("size").asLong()).isEqualTo(2008);
        assertThat(Base64.getDecoder().decode(png.get("content").asText())).startsWith(0x89, 'P', 'N', 'G');
        assertThat(files.get(0).get("omitted").asBoolean()).isFalse();

        HttpResponse<String> none = server.post("/v1/execute",
                "{\"language\": \"python\", \"code\": \"print(1)\"}");
        assertThat(TestServer.json(none).has("files")).as("no files asked, none listed").isFalse();
    }

    @Test
    void thePlansCapsHoldForSyncRunsAndJobs() throws Exception {
        String free = server.createKey("api", "small-files", null); // 4 MiB a file, 8 MiB a run
        ObjectNode asked = body(1).put("output_file_max_bytes", 5L << 20);
        HttpResponse<String> refused = server.postWith("/v1/execute", asked.toString(), "Authorization",
                "Bearer " + free);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(TestServer.json(refused).get("error").get("field").asText()).isEqualTo("output_file_max_bytes");

        HttpResponse<String> sync = server.postWith("/v1/execute", body(5).toString(), "Authorization",
                "Bearer " + free);
        assertThat(sync.statusCode()).as(sync.body()).isEqualTo(200);
        JsonNode big = TestServer.json(sync).get("files").get(0);
        assertThat(big.get("name").asText()).isEqualTo("big.bin");
        assertThat(big.get("omitted").asBoolean()).as("5 MiB is over the plan's 4 MiB a file").isTrue();
        assertThat(big.has("content")).isFalse();

        HttpResponse<String> submitted = server.postWith("/v1/jobs", body(5).toString(), "Authorization",
                "Bearer " + free);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String id = TestServer.json(submitted).get("id").asText();
        JsonNode[] job = new JsonNode[1];
        assertThat(Await.until(Duration.ofSeconds(60), () -> {
            HttpResponse<String> polled = server.getWith("/v1/jobs/" + id, "Authorization", "Bearer " + free);
            job[0] = TestServer.json(polled);
            return job[0].get("status").asText().equals("done");
        })).as("job done").isTrue();
        JsonNode jobFiles = job[0].get("result").get("files");
        assertThat(jobFiles).extracting(f -> f.get("name").asText()).containsExactly("big.bin", "out/table.csv",
                "plot.png");
        assertThat(jobFiles.get(0).get("omitted").asBoolean()).as("the plan's cap, settled when submitted").isTrue();
    }

    @Test
    void theStreamingSocketSendsTheFilesInAMessageOfTheirOwnBeforeTheExit() throws Exception {
        WsClient c = WsClient.open(server, "?key=" + server.key());
        c.send(body(0).put("type", "start").toString());
        List<JsonNode> all = c.until("exit");
        List<String> types = all.stream().map(m -> m.get("type").asText()).toList();
        assertThat(types.indexOf("files")).as(types.toString()).isEqualTo(types.size() - 2);
        JsonNode files = all.get(types.size() - 2).get("files");
        assertThat(files).extracting(f -> f.get("name").asText()).containsExactly("big.bin", "out/table.csv",
                "plot.png");
        assertThat(all.get(all.size() - 1).has("files")).as("not repeated in the exit message").isFalse();
    }

    @Test
    void badPatternsAndBadTypesAreClearErrorsAndNothingRuns() throws Exception {
        for (String bad : List.of("[\"../up/*\"]", "[\"/etc/passwd\"]", "[\"a[\"]", "[1, {}]", "{\"x\": 1}")) {
            HttpResponse<String> r = server.post("/v1/execute",
                    "{\"language\": \"python\", \"code\": \"print(1)\", \"output_files\": " + bad + "}");
            assertThat(r.statusCode()).as(bad + ": " + r.body()).isEqualTo(400);
            assertThat(TestServer.json(r).get("error").get("message").asText()).as(bad).contains("output_files");
        }
        HttpResponse<String> negative = server.post("/v1/execute",
                "{\"language\": \"python\", \"code\": \"print(1)\", \"output_files_max_bytes\": -1}");
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(negative).get("error").get("field").asText()).isEqualTo("output_files_max_bytes");
    }
}
