package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Every bad input gets a JSON error with the fitting status, and never a stack trace. */
class ErrorResponsesTest extends OneServerPerClass {
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
    void unknownLanguageSaysWhichItWasProbablyMeantToBe() throws Exception {
        JsonNode e = error(server.post("/v1/execute", "{\"language\": \"pyhton\", \"code\": \"1\"}"), 400, "unknown_language");
        assertThat(e.get("field").asText()).isEqualTo("language");
        assertThat(e.get("message").asText()).contains("did you mean 'python'?");
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

    /** What the engine refuses reaches each dialect through the one global mapping, in that dialect's spelling. */
    @Test
    void everyDialectSpellsARefusedRequestItsOwnWay() throws Exception {
        for (String base : new String[] {"/api/v2", "/api/v2/piston"}) {
            HttpResponse<String> piston = server.post(base + "/execute", "{\"language\": \"python\", \"version\": \"*\","
                    + " \"files\": [{\"name\": \"main.py\", \"content\": \"1\"}, {\"name\": \"../evil.py\", \"content\": \"x\"}]}");
            assertThat(piston.statusCode()).as(piston.body()).isEqualTo(422);
            assertThat(fieldNames(TestServer.json(piston))).containsExactly("message");
        }

        for (String path : new String[] {"/api/run/klingon?code=x", "/v1/agent-coderunner/api/run/klingon?code=x"}) {
            HttpResponse<String> agent = server.get(path);
            assertThat(agent.statusCode()).as(agent.body()).isEqualTo(400);
            assertThat(TestServer.json(agent).get("code").asText()).isEqualTo("unknown_language");
            assertThat(TestServer.json(agent).get("error").asText()).contains("klingon");
        }

        for (String base : new String[] {"", "/codeexec-api"}) {
            HttpResponse<String> wandbox = server.get(base + "/v1/run?language=klingon&code=x");
            assertThat(wandbox.statusCode()).as(wandbox.body()).isEqualTo(400);
            JsonNode w = TestServer.json(wandbox);
            assertThat(w.get("success").asBoolean()).isFalse();
            assertThat(w.get("error").get("code").asText()).isEqualTo("unknown_language");
            assertThat(w.get("error").get("field").asText()).isEqualTo("language");
        }

        HttpResponse<String> oc = server.post("/api/run-code-sync/", "{\"compiler\": \"" + Toolchains.defaultId("python") + "\", \"code\": \""
                + "x".repeat(100 * 1024 + 10) + "\"}");
        assertThat(oc.statusCode()).as(oc.body()).isEqualTo(413);
        assertThat(TestServer.json(oc).get("status").asText()).isEqualTo("error");
        assertThat(TestServer.json(oc).get("code").asText()).isEqualTo("payload_too_large");

        HttpResponse<String> agentSession = server.post("/api/sessions", "{\"language\": \"klingon\"}");
        assertThat(agentSession.statusCode()).as(agentSession.body()).isEqualTo(400);
        assertThat(TestServer.json(agentSession).get("code").asText()).isEqualTo("unknown_language");
        error(server.post("/v1/sessions", "{\"language\": \"klingon\"}"), 400, "unknown_language");

        JsonNode session = TestServer.json(server.post("/v1/sessions", "{\"language\": \"python\"}"));
        String id = session.get("id").asText();
        try {
            JsonNode e = error(server.post("/v1/sessions/" + id + "/files", "{\"filename\": \"../x\", \"content\": \"x\"}"),
                    422, "bad_file_name");
            assertThat(e.get("field").asText()).isEqualTo("files");
        } finally {
            server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/v1/sessions/" + id)))
                    .header("Authorization", "Bearer " + server.key()).DELETE().build());
        }
    }

    private static java.util.List<String> fieldNames(JsonNode o) {
        java.util.List<String> names = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void contentThatIsNotWhatItsEncodingSaysIs400NamingTheFieldOnEveryDoor() throws Exception {
        JsonNode e = error(server.post("/v1/execute", "{\"language\": \"python\", \"files\": [{\"content\": \"print(1)\"},"
                + " {\"name\": \"d.bin\", \"content\": \"%%%\", \"encoding\": \"base64\"}]}"), 400, "invalid_request");
        assertThat(e.get("field").asText()).isEqualTo("files[1].content");
        e = error(server.post("/v1/execute", "{\"language\": \"python\", \"files\": [{\"content\": \"print(1)\","
                + " \"encoding\": \"rot13\"}]}"), 400, "invalid_request");
        assertThat(e.get("field").asText()).isEqualTo("files[0].encoding");

        HttpResponse<String> piston = server.post("/api/v2/execute", "{\"language\": \"python\", \"version\": \"*\","
                + " \"files\": [{\"content\": \"zz\", \"encoding\": \"hex\"}]}");
        assertThat(piston.statusCode()).as(piston.body()).isEqualTo(400);
        assertThat(piston.body()).contains("files[0].content is not valid hex");

        String id = TestServer.json(server.post("/v1/sessions", "{\"language\": \"python\"}")).get("id").asText();
        try {
            // Was a 500: the session upload decoded base64 unguarded.
            e = error(server.post("/v1/sessions/" + id + "/files", "{\"filename\": \"x.bin\", \"content\": \"a\","
                    + " \"encoding\": \"base64\"}"), 400, "invalid_request");
            assertThat(e.get("field").asText()).isEqualTo("content");
            e = error(server.post("/v1/sessions/" + id + "/files", "{\"filename\": \"x.bin\", \"content\": \"a\","
                    + " \"encoding\": \"rot13\"}"), 400, "invalid_request");
            assertThat(e.get("field").asText()).isEqualTo("encoding");
            HttpResponse<String> ok = server.post("/v1/sessions/" + id + "/files",
                    "{\"filename\": \"x.bin\", \"content\": \"aGk=\", \"encoding\": \"base64\"}");
            assertThat(ok.statusCode()).as(ok.body()).isBetween(200, 201);
        } finally {
            server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/v1/sessions/" + id)))
                    .header("Authorization", "Bearer " + server.key()).DELETE().build());
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
