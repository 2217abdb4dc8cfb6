package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every bad input gets a JSON error with the fitting status, and never a stack trace. */
class ErrorResponsesTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode error(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/json");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        JsonNode e = TestServer.json(r).get("error");
        assertThat(e.get("code").asText()).isEqualTo(code);
        assertThat(e.get("message").asText()).isNotBlank();
        return e;
    }

    @Test
    void malformedJsonIs400() throws Exception {
        error(server.post("/v1/execute", "{\"language\": \"python\", "), 400, "invalid_json");
        error(server.post("/v1/execute", ""), 400, "invalid_json");
        error(server.post("/v1/execute", "[1, 2]"), 400, "invalid_request");
    }

    @Test
    void wrongTypesNameTheField() throws Exception {
        JsonNode e = error(server.post("/v1/execute", "{\"language\": \"python\", \"code\": \"1\", \"run_timeout\": \"soon\"}"),
                400, "invalid_request");
        assertThat(e.get("field").asText()).isEqualTo("run_timeout");
        error(server.post("/v1/execute", "{\"code\": \"print(1)\"}"), 400, "invalid_request");
        error(server.post("/v1/execute", "{\"language\": \"python\"}"), 400, "invalid_request");
    }

    @Test
    void unknownLanguageListsTheClosestFirst() throws Exception {
        JsonNode e = error(server.post("/v1/execute", "{\"language\": \"pyhton\", \"code\": \"1\"}"), 400, "unknown_language");
        assertThat(e.get("field").asText()).isEqualTo("language");
        assertThat(e.get("message").asText()).contains("installed: python");
    }

    @Test
    void uninstalledVersionIs400ListingInstalledOnes() throws Exception {
        JsonNode e = error(server.post("/v1/execute", "{\"language\": \"python\", \"version\": \""
                + Toolchains.notInstalledId("python") + "\", \"code\": \"1\"}"), 400, "version_not_installed");
        assertThat(e.get("message").asText()).contains(Toolchains.defaultId("python"));
    }

    @Test
    void oversizeCodeAndStdinAre413() throws Exception {
        String big = "x".repeat(100 * 1024 + 10);
        error(server.post("/v1/execute", "{\"language\": \"python\", \"code\": \"" + big + "\"}"), 413, "payload_too_large");
        error(server.post("/v1/execute", "{\"language\": \"python\", \"code\": \"1\", \"stdin\": \"" + big + "\"}"),
                413, "payload_too_large");
        error(server.post("/v1/execute", "{\"language\": \"python\", \"code\": \"" + "y".repeat(3 << 20) + "\"}"),
                413, "payload_too_large");
    }

    @Test
    void hostileFileNamesAre422() throws Exception {
        for (String name : new String[] {"../evil.py", "/etc/passwd", "a/../../b.py"}) {
            error(server.post("/v1/execute", "{\"language\": \"python\", \"files\": [{\"name\": \"main.py\", \"content\": \"1\"},"
                    + " {\"name\": \"" + name + "\", \"content\": \"x\"}]}"), 422, "bad_file_name");
        }
    }

    @Test
    void unknownJobsAndPathsAre404() throws Exception {
        error(server.get("/v1/jobs/0123456789abcdef"), 404, "not_found");
        error(server.get("/v1/nothing-here"), 404, "not_found");
    }

    @Test
    void callbacksIntoPrivateNetworksAreRefusedUnlessAllowed() throws Exception {
        try (TestServer strict = TestServer.start(java.util.Map.of("RUNBOX_CALLBACK_ALLOW_PRIVATE", "false"))) {
            HttpResponse<String> r = strict.post("/v1/jobs", "{\"language\": \"python\", \"code\": \"1\","
                    + " \"callback_url\": \"http://169.254.169.254/latest/meta-data\"}");
            JsonNode e = error(r, 400, "invalid_request");
            assertThat(e.get("message").asText()).contains("private address");
        }
    }

    @Test
    void badCallbackUrlIs400() throws Exception {
        JsonNode e = error(server.post("/v1/jobs", "{\"language\": \"python\", \"code\": \"1\", \"callback_url\": \"ftp://x\"}"),
                400, "invalid_request");
        assertThat(e.get("field").asText()).isEqualTo("callback_url");
    }
}
