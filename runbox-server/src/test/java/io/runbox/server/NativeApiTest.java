package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.execution.catalogue.Compiler;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/execute} and the catalogue paths, over real HTTP against the real sandbox. */
class NativeApiTest extends OneServerPerClass {
    private static JsonNode execute(String body) throws Exception {
        HttpResponse<String> r = server.post("/v1/execute", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.json(r);
    }

    @Test
    void theRuntoolsSeedExampleWorksAsWritten() throws Exception {
        JsonNode r = execute("{\"language\": \"python\", \"code\": \"print(sum(range(1, 101)))\"}");
        assertThat(r.get("language").asText()).isEqualTo("python");
        assertThat(r.get("version").asText()).startsWith("3.");
        assertThat(r.has("compile")).isFalse();
        JsonNode run = r.get("run");
        assertThat(run.get("stdout").asText()).isEqualTo("5050\n");
        assertThat(run.get("stderr").asText()).isEmpty();
        assertThat(run.get("code").asInt()).isZero();
        assertThat(run.get("signal").isNull()).isTrue();
        assertThat(run.get("time_ms").asLong()).isPositive();
        assertThat(run.get("memory_kb").asLong()).isPositive();
    }

    @Test
    void cCompilesAndRunsWithStdinAndArgs() throws Exception {
        JsonNode r = execute("""
                {"language": "c", "code": "#include <stdio.h>\\nint main(int c, char **v) { char b[32];\
                 scanf(\\"%31s\\", b); printf(\\"%s %s\\\\n\\", v[1], b); return 0; }",
                 "stdin": "world", "args": ["hello"]}""");
        assertThat(r.get("compiler").asText()).startsWith("gcc-");
        assertThat(r.get("compile").get("status").asText()).isEqualTo("OK");
        assertThat(r.get("run").get("stdout").asText()).isEqualTo("hello world\n");
        assertThat(r.get("status").asText()).isEqualTo("OK");
    }

    @Test
    void javaRunsOnTheSelectedVersion() throws Exception {
        // The oldest installed JDK, chosen by its major version: not the default wherever two are installed.
        Compiler oldest = Toolchains.oldestOf("java");
        int major = oldest.version().major();
        JsonNode r = execute("""
                {"language": "java", "version": "%d", "files": [{"name": "Main.java", "content":
                 "public class Main { public static void main(String[] a) { System.out.println(Runtime.version().feature()); } }"}]}"""
                .formatted(major));
        assertThat(r.get("compiler").asText()).isEqualTo(oldest.id());
        assertThat(r.get("run").get("stdout").asText()).isEqualTo(major + "\n");
    }

    @Test
    void multipleFilesWithBase64() throws Exception {
        String helper = Base64.getEncoder().encodeToString("def twice(x):\n    return 2 * x\n".getBytes());
        JsonNode r = execute("{\"language\": \"py\", \"files\": [{\"content\": \"from helper import twice\\nprint(twice(21))\"},"
                + " {\"name\": \"helper.py\", \"content\": \"" + helper + "\", \"encoding\": \"base64\"}]}");
        assertThat(r.get("run").get("stdout").asText()).isEqualTo("42\n");
    }

    @Test
    void compileErrorsAreResultsNotFailures() throws Exception {
        JsonNode r = execute("{\"language\": \"c\", \"code\": \"int main(void) { return nope; }\"}");
        assertThat(r.get("status").asText()).isEqualTo("COMPILE_ERROR");
        assertThat(r.get("compile").get("stderr").asText()).contains("nope");
        assertThat(r.has("run")).isFalse();
    }

    @Test
    void perRequestLimitsApply() throws Exception {
        JsonNode r = execute("{\"language\": \"python\", \"code\": \"while True: pass\", \"run_timeout\": 500}");
        assertThat(r.get("run").get("status").asText()).isEqualTo("TIME_LIMIT");
        assertThat(r.get("run").get("code").asInt()).isEqualTo(124);
        JsonNode m = execute("{\"language\": \"python\", \"code\": \"x = bytearray(300 << 20)\","
                + " \"run_memory_limit\": 67108864}");
        assertThat(m.get("run").get("status").asText()).isEqualTo("MEMORY_LIMIT");
        assertThat(m.get("run").get("code").asInt()).isEqualTo(137);
        assertThat(m.get("run").get("signal").asInt()).isEqualTo(9);
    }

    @Test
    void languagesAnswerInTheWandboxEnvelope() throws Exception {
        JsonNode r = TestServer.json(server.get("/v1/languages"));
        assertThat(r.get("success").asBoolean()).isTrue();
        assertThat(r.get("status").asText()).isEqualTo("ok");
        assertThat(r.get("meta").get("request_id").asText()).isNotBlank();
        JsonNode langs = r.get("data").get("languages");
        assertThat(r.get("data").get("count").asInt()).isEqualTo(langs.size()).isGreaterThanOrEqualTo(13);
        JsonNode java = null;
        for (JsonNode l : langs) {
            if (l.get("id").asText().equals("java")) {
                java = l;
            }
        }
        assertThat(java).isNotNull();
        assertThat(java.get("language").asText()).isEqualTo("Java");
        assertThat(java.get("versions").asInt()).isEqualTo(java.get("compilers").size()).isGreaterThanOrEqualTo(2);
        assertThat(java.get("default_compiler").asText()).startsWith("openjdk-");
    }

    @Test
    void compilersFilterByLanguage() throws Exception {
        JsonNode r = TestServer.json(server.get("/v1/compilers?language=c"));
        JsonNode compilers = r.get("data").get("compilers");
        assertThat(compilers.size()).isPositive();
        for (JsonNode c : compilers) {
            assertThat(c.get("language").asText()).isEqualTo("C");
            assertThat(c.get("name").asText()).matches("(gcc|clang)-.*");
            assertThat(c.get("version").asText()).matches("\\d+\\.\\d+.*");
        }
    }

    @Test
    void theSameProgramAgainSkipsItsCompileAndTheMetricsCountIt() throws Exception {
        String body = "{\"language\": \"c\", \"code\": \"#include <stdio.h>\\n/* " + System.nanoTime()
                + " */\\nint main(void) { puts(\\\"again\\\"); return 0; }\\n\"}";
        JsonNode first = execute(body);
        JsonNode second = execute(body);
        assertThat(first.get("compile").get("time_ms").asLong()).isPositive();
        assertThat(second.get("compile").get("time_ms").asLong()).isZero();
        assertThat(second.get("compile").get("status").asText()).isEqualTo("OK");
        assertThat(second.get("run").get("stdout").asText()).isEqualTo("again\n");
        assertThat(server.get("/metrics").body()).containsPattern("runbox_compile_cache_hits_total [1-9]")
                .contains("runbox_compile_cache_bytes");
    }

    @Test
    void healthMetricsAndDocs() throws Exception {
        HttpResponse<String> health = server.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(health).get("status").asText()).isEqualTo("ready");

        execute("{\"language\": \"bash\", \"code\": \"echo metered\"}");
        String metrics = server.get("/metrics").body();
        assertThat(metrics).contains("runbox_executions_total{language=\"bash\",status=\"OK\"}")
                .contains("runbox_jobs_queued").contains("runbox_run_time_seconds_bucket")
                .contains("runbox_sessions_live").contains("runbox_session_reap_failures_total 0.0")
                .containsPattern("runbox_warm_box_fallbacks_total [0-9]")
                .containsPattern("runbox_reused_runs_total [0-9]")
                .containsPattern("runbox_prestarted_runs_total [0-9]")
                .containsPattern("runbox_ahead_runs_total [0-9]")
                .containsPattern("runbox_reused_boxes_retired_total [0-9]")
                .containsPattern("runbox_boxes_idle [0-9]");

        JsonNode openapi = TestServer.json(server.get("/openapi.json"));
        assertThat(openapi.get("openapi").asText()).startsWith("3.");
        assertThat(openapi.get("paths").has("/v1/execute")).isTrue();
        HttpResponse<String> docs = server.get("/docs");
        assertThat(docs.body()).contains("swagger-ui").contains("/openapi.json");
        java.util.regex.Matcher bundle = java.util.regex.Pattern.compile("src=\"(/webjars/swagger-ui/[^\"]+/swagger-ui-bundle\\.js)\"")
                .matcher(docs.body());
        assertThat(bundle.find()).as("the page loads Swagger UI from the webjar: %s", docs.body()).isTrue();
        assertThat(server.get(bundle.group(1)).statusCode()).as("the script the page names").isEqualTo(200);
    }
}
