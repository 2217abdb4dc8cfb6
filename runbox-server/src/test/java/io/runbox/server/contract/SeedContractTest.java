package io.runbox.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.server.TestServer;
import io.runbox.server.Toolchains;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every curl example of the four seed documents that targets execution or the catalogue, copied request for
 * request with the host changed to a test server, asserting the fields and types the documents show.
 */
class SeedContractTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode ok(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.json(r);
    }

    /** 000: onlinecompiler-style. */
    @Nested
    class OnlineCompiler {
        /** The seed's example body, whose compiler ({@code python-3.14} there) is one not installed here. */
        static final String SEED_BODY = seedBody(Toolchains.notInstalledId("python"));

        static String seedBody(String compiler) {
            return "{\n\"compiler\": \"" + compiler + "\",\n"
                    + "\"code\": \"name = input()\\nprint(f\\\"Hello, {name}!\\\")\",\n\"input\": \"World\"\n}";
        }

        @Test
        void runCodeSyncWithTheSeedsUninstalledCompilerListsWhatIsInstalled() throws Exception {
            HttpResponse<String> r = server.post("/api/run-code-sync/", SEED_BODY);
            assertThat(r.statusCode()).isEqualTo(400);
            JsonNode e = TestServer.json(r);
            assertThat(e.get("status").asText()).isEqualTo("error");
            assertThat(e.get("error").asText()).contains(Toolchains.notInstalledId("python"))
                    .contains(Toolchains.defaultId("python"));
        }

        @Test
        void runCodeSyncAnswersTheDocumentedShape() throws Exception {
            JsonNode r = ok(server.post("/api/run-code-sync/", seedBody(Toolchains.defaultId("python"))));
            assertThat(r.get("output").asText()).isEqualTo("Hello, World!\n");
            assertThat(r.get("error").asText()).isEmpty();
            assertThat(r.get("status").asText()).isEqualTo("success");
            assertThat(r.get("exit_code").isInt()).isTrue();
            assertThat(r.get("exit_code").asInt()).isZero();
            assertThat(r.get("signal").isNull()).isTrue();
            assertThat(r.get("time").asText()).matches("\\d+\\.\\d{4}");
            assertThat(r.get("total").asText()).matches("\\d+\\.\\d{4}");
            assertThat(r.get("memory").isTextual()).isTrue();
            assertThat(Long.parseLong(r.get("memory").asText())).isPositive();
        }

        @Test
        void outputIsCutAt999CharactersAndSaysSo() throws Exception {
            JsonNode r = ok(server.post("/api/run-code-sync/",
                    "{\"compiler\": \"" + Toolchains.defaultId("python") + "\", \"code\": \"print('x' * 5000)\"}"));
            assertThat(r.get("output").asText()).hasSize(999);
            assertThat(r.get("output_truncated").asBoolean()).isTrue();
        }

        @Test
        void compiledLanguagesSplitTimeAndTotal() throws Exception {
            JsonNode r = ok(server.post("/api/run-code-sync/",
                    "{\"compiler\": \"" + Toolchains.defaultId("c") + "\", \"code\": \"#include <stdio.h>\\nint main(){int x; scanf(\\\"%d\\\", &x);"
                            + " printf(\\\"%d\\\\n\\\", x * 2); return 0;}\", \"input\": \"21\"}"));
            assertThat(r.get("output").asText()).isEqualTo("42\n");
            assertThat(Double.parseDouble(r.get("total").asText())).isGreaterThan(Double.parseDouble(r.get("time").asText()));
        }

        @Test
        void runCodeAsyncWithTheSeedsBodyIsRefusedTheSameWay() throws Exception {
            HttpResponse<String> r = server.post("/api/run-code/", SEED_BODY);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(TestServer.json(r).get("error").asText()).contains(Toolchains.defaultId("python"));
        }

        @Test
        void compilersNeedNoKeyAndListInstalledIdentifiers() throws Exception {
            JsonNode r = ok(server.get("/api/compilers/"));
            assertThat(r.isArray()).isTrue();
            List<String> listed = new ArrayList<>();
            r.forEach(id -> listed.add(id.asText()));
            assertThat(listed).as("every installed compiler").containsAll(
                    Toolchains.catalogue().compilers().stream().map(Compiler::id).toList());
        }
    }

    /** 001: Wandbox-style (oanor), under the documents' own prefix. */
    @Nested
    class Wandbox {
        @Test
        void runAnswersTheDocumentedEnvelope() throws Exception {
            JsonNode r = ok(server.get("/codeexec-api/v1/run?language=python&code=print%28sum%28range%2810%29%29%29"));
            assertThat(r.get("status").asText()).isEqualTo("ok");
            assertThat(r.get("success").asBoolean()).isTrue();
            assertThat(r.get("message").isTextual()).isTrue();
            assertThat(r.get("meta").get("timestamp").asText()).isNotBlank();
            assertThat(r.get("meta").get("request_id").asText()).isNotBlank();
            JsonNode d = r.get("data");
            for (String f : new String[] {"signal", "stderr", "stdout", "compiler", "permlink", "exit_code",
                    "permlink_url", "compiler_error", "compiler_message"}) {
                assertThat(d.has(f)).as(f).isTrue();
            }
            assertThat(d.get("stdout").asText()).isEqualTo("45\n");
            assertThat(d.get("exit_code").asInt()).isZero();
            assertThat(d.get("permlink").isNull()).isTrue();
            assertThat(d.get("compiler").asText()).isEqualTo(Toolchains.defaultId("python"));
        }

        @Test
        void compilersAndLanguagesAnswerTheDocumentedShape() throws Exception {
            JsonNode c = ok(server.get("/codeexec-api/v1/compilers")).get("data");
            assertThat(c.get("count").asInt()).isEqualTo(c.get("compilers").size());
            JsonNode first = c.get("compilers").get(0);
            assertThat(first.get("name").isTextual() && first.get("version").isTextual()
                    && first.get("language").isTextual()).isTrue();
            JsonNode l = ok(server.get("/codeexec-api/v1/languages")).get("data");
            assertThat(l.get("count").asInt()).isEqualTo(l.get("languages").size());
            JsonNode lang = l.get("languages").get(0);
            assertThat(lang.get("language").isTextual() && lang.get("versions").isInt()
                    && lang.get("default_compiler").isTextual()).isTrue();
        }

        @Test
        void metaDescribesTheApi() throws Exception {
            JsonNode d = ok(server.get("/codeexec-api/v1/meta")).get("data");
            assertThat(d.get("name").isTextual() && d.get("note").isTextual() && d.get("source").isTextual()).isTrue();
            assertThat(d.get("endpoints").asInt()).isEqualTo(4);
            // It said "none" although the run path refuses a call without a key (the anonymous tier is off here).
            assertThat(d.get("auth").asText()).startsWith("required on /v1/run: ").contains("x-oanor-key");
        }

        @Test
        void compilerOverridesLanguageAndCompilerErrorsAreReported() throws Exception {
            String c = Toolchains.defaultId("c");
            JsonNode d = ok(server.get("/v1/run?language=python&compiler=" + c + "&code=int%20main%28%29%7Breturn%20x%3B%7D"))
                    .get("data");
            assertThat(d.get("compiler").asText()).isEqualTo(c);
            assertThat(d.get("compiler_error").asText()).contains("x");
            assertThat(d.get("exit_code").asInt()).isNotZero();
        }

        @Test
        void errorsKeepTheEnvelopeWithSuccessFalse() throws Exception {
            HttpResponse<String> r = server.get("/codeexec-api/v1/run?language=cobol&code=x");
            assertThat(r.statusCode()).isEqualTo(400);
            JsonNode e = TestServer.json(r);
            assertThat(e.get("success").asBoolean()).isFalse();
            assertThat(e.get("status").asText()).isEqualTo("error");
            assertThat(e.get("message").asText()).contains("cobol");
            assertThat(e.get("meta").get("request_id").asText()).isNotBlank();
            assertThat(TestServer.json(server.get("/v1/compilers?language=cobol")).get("success").asBoolean()).isFalse();
        }
    }

    /** 002: runtools. */
    @Nested
    class Runtools {
        @Test
        void executeAnswersAsDocumented() throws Exception {
            JsonNode r = ok(server.post("/v1/execute", "{\n    \"language\": \"python\",\n"
                    + "    \"code\": \"print(sum(range(1, 101)))\"\n  }"));
            assertThat(r.get("language").asText()).isEqualTo("python");
            assertThat(r.get("version").isTextual()).isTrue();
            JsonNode run = r.get("run");
            assertThat(run.get("stdout").asText()).isEqualTo("5050\n");
            assertThat(run.get("stderr").asText()).isEmpty();
            assertThat(run.get("code").asInt()).isZero();
            assertThat(run.get("signal").isNull()).isTrue();
            assertThat(run.get("time_ms").isIntegralNumber() && run.get("memory_kb").isIntegralNumber()).isTrue();
        }
    }

    /** 003: agent code runner, under the documents' own prefix. */
    @Nested
    class AgentRunner {
        static final String BASE = "/v1/agent-coderunner";

        private JsonNode post(String body) throws Exception {
            return ok(server.post(BASE + "/api/execute", body));
        }

        private static void documentedShape(JsonNode r, String language) {
            assertThat(r.get("id").asText()).matches("[0-9a-f-]{36}");
            assertThat(r.get("language").asText()).isEqualTo(language);
            assertThat(r.get("exitCode").isInt()).isTrue();
            assertThat(r.get("stdout").isTextual() && r.get("stderr").isTextual()).isTrue();
            assertThat(r.get("duration").isIntegralNumber()).isTrue();
            assertThat(r.get("timedOut").isBoolean() && r.get("truncated").isBoolean()).isTrue();
        }

        @Test
        void theFirstExampleAnswersExactlyAsShown() throws Exception {
            JsonNode r = post("{\"language\":\"python\",\"code\":\"print(sum(range(100)))\"}");
            documentedShape(r, "python");
            assertThat(r.get("stdout").asText()).isEqualTo("4950");
            assertThat(r.get("exitCode").asInt()).isZero();
            assertThat(r.get("timedOut").asBoolean()).isFalse();
        }

        @Test
        void theGetExamples() throws Exception {
            JsonNode py = ok(server.get(BASE + "/api/run/python?code=print(2**100)"));
            documentedShape(py, "python");
            assertThat(py.get("stdout").asText()).isEqualTo("1267650600228229401496703205376");
            JsonNode js = ok(server.get(BASE + "/api/run/javascript?code=console.log(Math.PI)"));
            assertThat(js.get("stdout").asText()).isEqualTo("3.141592653589793");
            JsonNode sh = ok(server.get(BASE + "/api/run/bash?code=date"));
            assertThat(sh.get("exitCode").asInt()).isZero();
            assertThat(sh.get("stdout").asText()).matches(".*\\d{4}.*");
        }

        @Test
        void theCurlCodeExamples() throws Exception {
            JsonNode fib = post("{\"language\":\"python\",\"code\":\"fib = lambda n: n if n <= 1 else fib(n-1)+fib(n-2)\\n"
                    + "print([fib(i) for i in range(10)])\"}");
            assertThat(fib.get("stdout").asText()).isEqualTo("[0, 1, 1, 2, 3, 5, 8, 13, 21, 34]");
            JsonNode js = post("{\"language\":\"javascript\",\"code\":\"const arr = Array.from({length: 10}, (_, i) => i * i);"
                    + " console.log(arr);\"}");
            assertThat(js.get("stdout").asText()).contains("0,  1,  4,  9, 16").contains("81");
            JsonNode sh = post("{\"language\":\"bash\",\"code\":\"echo Hello && date && uname -s\"}");
            assertThat(sh.get("stdout").asText()).startsWith("Hello\n").endsWith("Linux");
        }

        @Test
        void thePythonAndNodeExamples() throws Exception {
            JsonNode f = post("{\"language\": \"python\", \"code\": \"import math\\nfor i in range(1, 6):\\n"
                    + "    print(f'{i}! = {math.factorial(i)}')\"}");
            assertThat(f.get("stdout").asText()).isEqualTo("1! = 1\n2! = 2\n3! = 6\n4! = 24\n5! = 120");
            for (String[] lc : new String[][] {{"python", "print('Python:', 2**10)", "Python: 1024"},
                    {"javascript", "console.log('Node.js:', Math.pow(2, 10))", "Node.js: 1024"},
                    {"bash", "echo Bash: $((2**10))", "Bash: 1024"}}) {
                JsonNode r = post("{\"language\": \"" + lc[0] + "\", \"code\": \"" + lc[1] + "\"}");
                assertThat(r.get("stdout").asText().strip()).isEqualTo(lc[2]);
            }
            JsonNode json = post("{\"language\": \"python\", \"code\": \"import json\\ndata = {'primes': [2, 3, 5, 7, 11, 13]}\\n"
                    + "print(json.dumps(data))\"}");
            assertThat(io.runbox.server.http.Json.MAPPER.readTree(json.get("stdout").asText()).get("primes").size()).isEqualTo(6);
            JsonNode big = ok(server.get(BASE + "/api/run/python?code=" + java.net.URLEncoder.encode("print(42**42)",
                    java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(big.get("stdout").asText()).startsWith("150130937545296572");
        }

        @Test
        void theSessionsExampleRequestForRequest() throws Exception {
            // session = requests.post(f"{BASE}/api/sessions", json={"language": "python"}).json()
            JsonNode session = TestServer.json(server.post(BASE + "/api/sessions", "{\"language\": \"python\"}"));
            String sid = session.get("id").asText();
            assertThat(session.get("language").asText()).isEqualTo("python");
            // requests.post(f"{BASE}/api/sessions/{sid}/execute", json={"code": "def greet(name): ..."})
            ok(server.post(BASE + "/api/sessions/" + sid + "/execute",
                    "{\"code\": \"def greet(name): return f'Hello, {name}!'\"}"));
            JsonNode result = ok(server.post(BASE + "/api/sessions/" + sid + "/execute", "{\"code\": \"print(greet('World'))\"}"));
            assertThat(result.get("stdout").asText()).isEqualTo("Hello, World!");
            // requests.post(f"{BASE}/api/sessions/{sid}/files", json={"filename": "data.txt", "content": "line 1\n..."})
            assertThat(server.post(BASE + "/api/sessions/" + sid + "/files",
                    "{\"filename\": \"data.txt\", \"content\": \"line 1\\nline 2\\nline 3\"}").statusCode()).isEqualTo(201);
            JsonNode read = ok(server.post(BASE + "/api/sessions/" + sid + "/execute",
                    "{\"code\": \"with open('data.txt') as f: print(f.read())\"}"));
            assertThat(read.get("stdout").asText()).isEqualTo("line 1\nline 2\nline 3");
            // requests.delete(f"{BASE}/api/sessions/{sid}")
            HttpResponse<String> deleted = server.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(server.url(BASE + "/api/sessions/" + sid)))
                    .header("Authorization", "Bearer " + server.key()).DELETE().build());
            assertThat(deleted.statusCode()).isEqualTo(200);
        }

        @Test
        void typescriptRunsToo() throws Exception {
            JsonNode r = post("{\"language\":\"typescript\",\"code\":\"const n: number = 6 * 7; console.log(n);\"}");
            assertThat(r.get("stdout").asText()).isEqualTo("42");
        }

        @Test
        void errorsAreJsonWithAMessage() throws Exception {
            HttpResponse<String> r = server.post(BASE + "/api/execute", "{\"language\":\"cobol\",\"code\":\"x\"}");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(TestServer.json(r).get("error").asText()).contains("cobol");
        }
    }
}
