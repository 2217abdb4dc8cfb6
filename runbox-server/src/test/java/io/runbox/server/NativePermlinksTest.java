package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/permlinks} saves without running (the playground's Share), and {@code GET /p/{id}} shows what was
 * saved: a page for a browser with the input, the arguments and a way into the playground, JSON otherwise; a missing
 * permlink is a page for a browser too.
 */
class NativePermlinksTest extends OneServerPerClass {

    @Test
    void codeOverEightKilobytesIsSavedWithItsInputArgumentsAndResultAndNothingRuns() throws Exception {
        // A program that would leave a trace if it ran: it never does.
        String code = "print('never printed')\n" + "# padding\n".repeat(1000);
        assertThat(code.length()).isGreaterThan(8 * 1024);
        String body = "{\"language\": \"python\", \"code\": " + quote(code) + ", \"stdin\": \"Ada\\n\","
                + " \"args\": [\"one\", \"two words\"], \"result\": {\"status\": \"OK\", \"exit_code\": 0,"
                + " \"signal\": null, \"stdout\": \"shown from the saved result\\n\", \"stderr\": \"\"}}";
        HttpResponse<String> saved = server.post("/v1/permlinks", body);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        JsonNode answer = TestServer.json(saved);
        assertThat(answer.get("url").asText()).isEqualTo(server.url("/p/" + answer.get("id").asText()));
        assertThat(answer.get("compiler").asText()).startsWith("python-");

        JsonNode data = TestServer.json(server.get("/p/" + answer.get("id").asText())).get("data");
        assertThat(data.get("code").asText()).isEqualTo(code);
        assertThat(data.get("stdin").asText()).isEqualTo("Ada\n");
        assertThat(data.get("args").asText()).isEqualTo("one\ntwo words");
        assertThat(data.get("result").get("stdout").asText()).isEqualTo("shown from the saved result\n");

        HttpResponse<String> page = server.getWith("/p/" + answer.get("id").asText(), "Accept", "text/html");
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<pre id=\"stdin\">Ada\n</pre>").contains("<pre id=\"args\">one two words</pre>")
                .contains("href=\"/?permlink=" + answer.get("id").asText() + "\"").contains("Open in playground")
                .doesNotContain("never printed\n</pre>");
    }

    @Test
    void codeSavedWithoutAResultHasANullResultAndAPage() throws Exception {
        HttpResponse<String> saved = server.post("/v1/permlinks", "{\"language\": \"python\", \"code\": \"print(1)\"}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        String id = TestServer.json(saved).get("id").asText();
        assertThat(TestServer.json(server.get("/p/" + id)).get("data").get("result").isNull()).isTrue();
        HttpResponse<String> page = server.getWith("/p/" + id, "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("saved without a run");
    }

    @Test
    void tooMuchIsA413NamingTheFieldAndBadRequestsAre400() throws Exception {
        HttpResponse<String> big = server.post("/v1/permlinks", "{\"language\": \"python\", \"code\": "
                + quote("x".repeat(101 * 1024)) + "}");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(TestServer.json(big).get("error").get("field").asText()).isEqualTo("code");
        HttpResponse<String> bigResult = server.post("/v1/permlinks", "{\"language\": \"python\", \"code\": \"1\","
                + " \"result\": {\"stdout\": " + quote("y".repeat(65 * 1024)) + "}}");
        assertThat(bigResult.statusCode()).isEqualTo(413);
        assertThat(TestServer.json(bigResult).get("error").get("field").asText()).isEqualTo("result.stdout");
        HttpResponse<String> noCode = server.post("/v1/permlinks", "{\"language\": \"python\"}");
        assertThat(noCode.statusCode()).isEqualTo(400);
        HttpResponse<String> klingon = server.post("/v1/permlinks", "{\"language\": \"klingon\", \"code\": \"x\"}");
        assertThat(klingon.statusCode()).isEqualTo(400);
        HttpResponse<String> noKey = server.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.url("/v1/permlinks"))).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"language\": \"python\", \"code\": \"1\"}"))
                .build());
        assertThat(noKey.statusCode()).isEqualTo(401);
    }

    @Test
    void aMissingPermlinkIsAPageForABrowserAndJsonOtherwise() throws Exception {
        HttpResponse<String> page = server.getWith("/p/nosuchlink", "Accept", "text/html,application/xhtml+xml");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("No such permlink").contains("nosuchlink");
        HttpResponse<String> json = server.get("/p/nosuchlink");
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    }

    private static String quote(String s) throws Exception {
        return io.runbox.server.http.Json.MAPPER.writeValueAsString(s);
    }
}
