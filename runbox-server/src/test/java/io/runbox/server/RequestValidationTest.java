package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Every JSON door refuses a body it would misread, in its own error envelope: a field of the wrong JSON type, a field
 * it does not have (with the one it was probably meant to be), malformed JSON (with line and column), and a language
 * or compiler this host does not have (with a suggestion and a pointer to the list, never the whole list).
 */
class RequestValidationTest extends OneServerPerClass {
    /** Nothing of the server's insides: no Java type, no parser vocabulary, no stack trace. */
    private static String plain(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("application/json");
        assertThat(r.body()).doesNotContainPattern("Exception|\\tat |java\\.|jackson|`|\\(code \\d+\\)|Source:|token");
        return r.body();
    }

    @Test
    void aNumberWhereTheNativeDoorReadsTextIsRefusedNamingTheField() throws Exception {
        // Was 200: Jackson turned 123 into the program "123".
        for (String path : new String[] {"/v1/execute", "/v1/jobs"}) {
            HttpResponse<String> r = server.post(path, "{\"language\": \"python\", \"code\": 123}");
            plain(r, 400);
            JsonNode e = TestServer.json(r).get("error");
            assertThat(e.get("code").asText()).isEqualTo("invalid_request");
            assertThat(e.get("field").asText()).isEqualTo("code");
            assertThat(e.get("message").asText()).isEqualTo("field 'code' must be a string, not a whole number");
        }
        HttpResponse<String> r = server.post("/v1/execute", "{\"language\": \"python\", \"code\": \"1\", \"run_timeout\": \"5000\"}");
        plain(r, 400);
        assertThat(TestServer.json(r).at("/error/field").asText()).isEqualTo("run_timeout");
    }

    @Test
    void anUnknownFieldIsRefusedWithTheFieldItWasMeantToBe() throws Exception {
        // Was 200, the input silently dropped: the program waited for a stdin it never got.
        HttpResponse<String> r = server.post("/v1/execute", "{\"language\": \"python\", \"code\": \"print(input())\","
                + " \"stdn\": \"Bob\"}");
        plain(r, 400);
        JsonNode e = TestServer.json(r).get("error");
        assertThat(e.get("code").asText()).isEqualTo("unknown_field");
        assertThat(e.get("field").asText()).isEqualTo("stdn");
        assertThat(e.get("message").asText()).isEqualTo("unknown field 'stdn'; did you mean 'stdin'?");

        r = server.post("/v1/sessions", "{\"langauge\": \"python\"}");
        plain(r, 400);
        assertThat(TestServer.json(r).at("/error/message").asText()).endsWith("did you mean 'language'?");
    }

    @Test
    void malformedJsonSaysWhereInPlainWords() throws Exception {
        HttpResponse<String> r = server.post("/v1/execute", "{\"language\": \"python\",\n \"code\": \"print(1)\",\n}");
        plain(r, 400);
        JsonNode e = TestServer.json(r).get("error");
        assertThat(e.get("code").asText()).isEqualTo("invalid_json");
        assertThat(e.get("message").asText()).startsWith("malformed JSON at line 3, column 1: ");
        plain(server.post("/v1/execute", "{\"language\": python}"), 400);
    }

    @Test
    void eachDialectRefusesInItsOwnEnvelope() throws Exception {
        String python = Toolchains.defaultId("python");

        HttpResponse<String> oc = server.post("/api/run-code-sync/", "{\"compiler\": \"" + python + "\", \"code\": \"1\","
                + " \"stdin\": \"x\"}");
        plain(oc, 400);
        JsonNode o = TestServer.json(oc);
        assertThat(o.get("status").asText()).isEqualTo("error");
        assertThat(o.get("field").asText()).isEqualTo("stdin");
        assertThat(o.get("error").asText()).startsWith("unknown field 'stdin'; the fields here are ").contains("input");
        oc = server.post("/api/run-code/", "{\"compiler\": \"" + python + "\", \"code\": 1}");
        plain(oc, 400);
        assertThat(TestServer.json(oc).get("field").asText()).isEqualTo("code");

        for (String path : new String[] {"/api/execute", "/v1/agent-coderunner/api/execute"}) {
            HttpResponse<String> agent = server.post(path, "{\"language\": \"python\", \"code\": [\"print(1)\"]}");
            plain(agent, 400);
            assertThat(TestServer.json(agent).get("code").asText()).isEqualTo("invalid_request");
            assertThat(TestServer.json(agent).get("error").asText()).isEqualTo("field 'code' must be a string, not an array");
        }
        HttpResponse<String> session = server.post("/api/sessions", "{\"language\": \"python\", \"timeout\": 5}");
        plain(session, 400);
        assertThat(TestServer.json(session).get("code").asText()).isEqualTo("unknown_field");

        HttpResponse<String> piston = server.post("/api/v2/execute", "{\"language\": \"python\", \"version\": \"*\","
                + " \"files\": [{\"content\": \"print(1)\"}], \"run_timeout\": \"3000\"}");
        plain(piston, 400);
        assertThat(TestServer.json(piston).get("message").asText())
                .isEqualTo("field 'run_timeout' must be a whole number, not a string");
    }

    /** Piston ignores fields it does not use, and clients of its later versions send some: so does Runbox there. */
    @Test
    void pistonClientsMaySendFieldsRunboxDoesNotUse() throws Exception {
        HttpResponse<String> r = server.post("/api/v2/execute", "{\"language\": \"python\", \"version\": \"*\","
                + " \"files\": [{\"name\": \"main.py\", \"content\": \"print(6 * 7)\"}], \"run_cpu_time\": 3000,"
                + " \"compile_cpu_time\": 10000, \"run_memory_limit\": -1}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(TestServer.json(r).at("/run/stdout").asText()).isEqualTo("42\n");
    }

    @Test
    void theWebSocketStartMessageIsCheckedLikeTheRestBody() throws Exception {
        WsClient c = WsClient.open(server, "?key=" + server.key());
        c.send("{\"type\": \"start\", \"language\": \"python\", \"code\": 123}");
        JsonNode m = c.next();
        assertThat(m.get("type").asText()).isEqualTo("error");
        assertThat(m.get("field").asText()).isEqualTo("code");
        c.send("{\"type\": \"start\", \"language\": \"python\", \"cod\": \"print(1)\"}");
        m = c.next();
        assertThat(m.get("code").asText()).isEqualTo("unknown_field");
        assertThat(m.get("message").asText()).endsWith("did you mean 'code'?");
        c.send("{\"type\": \"start\",\n \"language\": python}");
        m = c.next();
        assertThat(m.get("code").asText()).isEqualTo("invalid_json");
        assertThat(m.get("message").asText()).startsWith("malformed JSON at line 2, column ");
        // The door's own field is not unknown: a well-formed start still runs.
        c.send("{\"type\": \"start\", \"language\": \"python\", \"code\": \"print('ran')\"}");
        java.util.List<JsonNode> run = c.untilEnd();
        assertThat(run.getLast().path("type").asText()).as(run.toString()).isEqualTo("exit");
        assertThat(run.getLast().at("/run/stdout").asText()).isEqualTo("ran\n");
    }

    @Test
    void anUnknownLanguageOrCompilerGetsASuggestionAndAPointerNotTheWholeList() throws Exception {
        String python = Toolchains.defaultId("python");
        HttpResponse<String> r = server.post("/v1/execute", "{\"language\": \"pyhton\", \"code\": \"1\"}");
        plain(r, 400);
        assertThat(TestServer.json(r).at("/error/message").asText())
                .isEqualTo("unknown language 'pyhton'; did you mean 'python'? (see GET /v1/languages)");
        r = server.post("/v1/execute", "{\"language\": \"klingon\", \"code\": \"1\"}");
        assertThat(TestServer.json(r).at("/error/message").asText())
                .isEqualTo("unknown language 'klingon' (see GET /v1/languages)");

        r = server.post("/api/v2/execute", "{\"language\": \"pyhton\", \"version\": \"*\", \"files\": [{\"content\": \"1\"}]}");
        plain(r, 400);
        assertThat(TestServer.json(r).get("message").asText()).contains("did you mean 'python'?");

        r = server.post("/api/execute", "{\"language\": \"pyhton\", \"code\": \"1\"}");
        plain(r, 400);
        assertThat(TestServer.json(r).get("error").asText()).contains("did you mean 'python'?");

        String typo = python.replace("python", "pyhton");
        r = server.post("/api/run-code-sync/", "{\"compiler\": \"" + typo + "\", \"code\": \"1\"}");
        plain(r, 400);
        assertThat(TestServer.json(r).get("error").asText())
                .isEqualTo("unknown compiler '" + typo + "'; did you mean '" + python + "'? (see GET /api/compilers/)");

        r = server.get("/v1/run?compiler=" + typo + "&code=1");
        plain(r, 400);
        assertThat(TestServer.json(r).at("/error/message").asText()).contains("did you mean '" + python + "'?")
                .doesNotContain("gcc");
        r = server.get("/v1/compilers?language=pyhton");
        plain(r, 400);
        assertThat(TestServer.json(r).at("/error/message").asText()).contains("did you mean 'python'?");
    }

    /** Refused by the HTTP layer before any door: still JSON, never Jetty's HTML page. */
    @Test
    void aTooLongUrlOrTooLargeHeadersAnswerJson() throws Exception {
        // Was Jetty's HTML 414: the playground's Share then failed on a JSON parse error.
        HttpResponse<String> r = server.get("/v1/run?language=python&code=" + "x".repeat(20_000));
        plain(r, 414);
        JsonNode e = TestServer.json(r).get("error");
        assertThat(e.get("code").asText()).isEqualTo("uri_too_long");
        assertThat(e.get("message").asText()).contains("POST");

        r = server.getWith("/v1/languages", "Authorization", "Bearer " + server.key(), "X-Padding", "y".repeat(20_000));
        plain(r, 431);
        assertThat(TestServer.json(r).at("/error/code").asText()).isEqualTo("headers_too_large");

        // The connection's next request is served as usual.
        assertThat(server.get("/v1/languages").statusCode()).isEqualTo(200);
    }
}
