package io.runbox.server.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbox.server.OneServerPerClass;
import io.runbox.server.TestServer;
import io.runbox.server.http.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/judge} and {@code POST /v1/judge/jobs} over real HTTP against the real sandbox. */
class JudgeApiTest extends OneServerPerClass {
    private static final String C_SUM = """
            #include <stdio.h>
            int main(void) { long a, b; if (scanf("%ld %ld", &a, &b) != 2) return 3;
              printf("%ld\\n", a == 7 ? a + b + WRONG : a + b); return 0; }
            """;

    private static ObjectNode sumProblem(int wrong, int cases) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("language", "c")
                .put("code", C_SUM.replace("WRONG", Integer.toString(wrong)));
        ArrayNode tests = body.putArray("tests");
        for (int i = 1; i <= cases; i++) {
            tests.addObject().put("stdin", i + " " + i * 10 + "\n").put("expected_output", (i * 11) + "\n");
        }
        return body;
    }

    private static JsonNode judge(Object body, int status) throws Exception {
        HttpResponse<String> r = server.post("/v1/judge", body.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return TestServer.json(r);
    }

    @Test
    void twentyCasesAreJudgedWithAVerdictEachAndTheFirstWrongOneLocated() throws Exception {
        JsonNode ok = judge(sumProblem(0, 20), 200);
        assertThat(ok.get("verdict").asText()).isEqualTo("ACCEPTED");
        assertThat(ok.get("passed").asInt()).isEqualTo(20);
        assertThat(ok.get("total").asInt()).isEqualTo(20);
        assertThat(ok.get("compiler").asText()).startsWith("gcc-");
        assertThat(ok.get("compile").get("status").asText()).isEqualTo("OK");
        assertThat(ok.get("cases").get(19).get("stdout").asText()).isEqualTo("220\n");

        JsonNode wrong = judge(sumProblem(1, 20), 200);
        assertThat(wrong.get("verdict").asText()).isEqualTo("WRONG_ANSWER");
        assertThat(wrong.get("passed").asInt()).isEqualTo(19);
        JsonNode seventh = wrong.get("cases").get(6);
        assertThat(seventh.get("verdict").asText()).isEqualTo("WRONG_ANSWER");
        assertThat(seventh.get("mismatch").toString())
                .isEqualTo("{\"line\":1,\"column\":2,\"expected\":\"77\",\"actual\":\"78\"}");
    }

    @Test
    void aCompileErrorAndTheComparisonModesAnswerAsDocumented() throws Exception {
        ObjectNode broken = sumProblem(0, 2).put("code", "int main( {");
        JsonNode r = judge(broken, 200);
        assertThat(r.get("verdict").asText()).isEqualTo("COMPILATION_ERROR");
        assertThat(r.get("cases")).isEmpty();

        ObjectNode floats = Json.MAPPER.createObjectNode().put("language", "python")
                .put("code", "print(22/7)").put("comparison", "float");
        floats.putObject("tolerance").put("absolute", 0.01);
        floats.putArray("tests").addObject().put("expected_output", "3.14");
        assertThat(judge(floats, 200).get("verdict").asText()).isEqualTo("ACCEPTED");
        floats.putObject("tolerance").put("absolute", 0.0001).put("relative", 0);
        assertThat(judge(floats, 200).get("verdict").asText()).isEqualTo("WRONG_ANSWER");
    }

    @Test
    void badRequestsAreClearErrorsNamingTheField() throws Exception {
        ObjectNode noTests = sumProblem(0, 1);
        noTests.remove("tests");
        assertThat(judge(noTests, 400).get("error").get("field").asText()).isEqualTo("tests");
        assertThat(judge(sumProblem(0, 1).put("comparison", "diff"), 400).get("error").get("message").asText())
                .contains("exact, lines, tokens or float");
        ObjectNode both = sumProblem(0, 1);
        both.putObject("checker").put("language", "python").put("code", "pass");
        both.putObject("interactor").put("language", "python").put("code", "pass");
        assertThat(judge(both, 400).get("error").get("field").asText()).isEqualTo("interactor");
        assertThat(judge(sumProblem(0, 1).put("number_of_runs", 11), 400).get("error").get("field").asText())
                .isEqualTo("number_of_runs");
        ObjectNode badName = sumProblem(0, 1);
        ((ObjectNode) badName.get("tests").get(0)).putArray("files").addObject().put("name", "../x").put("content", "1");
        JsonNode refused = judge(badName, 422);
        assertThat(refused.toString()).doesNotContain("Exception").contains("..");
        ObjectNode unknown = sumProblem(0, 1);
        unknown.putObject("checker").put("language", "klingon").put("code", "x");
        assertThat(judge(unknown, 400).get("error").get("message").asText()).contains("klingon");
    }

    @Test
    void aJudgingJobEndsWithTheSameResponse() throws Exception {
        HttpResponse<String> accepted = server.post("/v1/judge/jobs", sumProblem(1, 8).toString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = TestServer.json(accepted).get("id").asText();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        JsonNode job;
        do {
            Thread.sleep(200);
            job = TestServer.json(server.get("/v1/jobs/" + id));
        } while (!job.get("status").asText().equals("done") && !job.get("status").asText().equals("failed")
                && Instant.now().isBefore(deadline));
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("done");
        assertThat(job.get("result").get("verdict").asText()).isEqualTo("WRONG_ANSWER");
        assertThat(job.get("result").get("cases").get(6).get("verdict").asText()).isEqualTo("WRONG_ANSWER");

        HttpResponse<String> bad = server.post("/v1/judge/jobs", sumProblem(0, 1).put("comparison", "x").toString());
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    @Test
    void eachCaseReturnsTheFilesItsRunLeftWhenTheSubmissionAsksForThem() throws Exception {
        ObjectNode body = Json.MAPPER.createObjectNode().put("language", "python")
                .put("code", "n = int(input())\nopen('square.txt', 'w').write(str(n * n))\nprint(n * n)");
        body.putArray("output_files").add("*.txt");
        ArrayNode tests = body.putArray("tests");
        for (int i = 1; i <= 3; i++) {
            tests.addObject().put("stdin", i + "\n").put("expected_output", (i * i) + "\n");
        }
        JsonNode judged = judge(body, 200);
        assertThat(judged.get("verdict").asText()).isEqualTo("ACCEPTED");
        for (int i = 0; i < 3; i++) {
            JsonNode files = judged.get("cases").get(i).get("files");
            assertThat(files).as("case %d", i).hasSize(1);
            assertThat(files.get(0).get("name").asText()).isEqualTo("square.txt");
            assertThat(files.get(0).get("content").asText()).as("each case's own run").isEqualTo(
                    Integer.toString((i + 1) * (i + 1)));
        }
    }
}
