package io.runbox.server.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.server.CallbackReceiver;
import io.runbox.server.TestServer;
import io.runbox.server.Toolchains;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            HttpResponse<String> r = server.get("/codeexec-api/v1/run?language=klingon&code=x");
            assertThat(r.statusCode()).isEqualTo(400);
            JsonNode e = TestServer.json(r);
            assertThat(e.get("success").asBoolean()).isFalse();
            assertThat(e.get("status").asText()).isEqualTo("error");
            assertThat(e.get("message").asText()).contains("klingon");
            assertThat(e.get("meta").get("request_id").asText()).isNotBlank();
            assertThat(TestServer.json(server.get("/v1/compilers?language=klingon")).get("success").asBoolean()).isFalse();
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
            HttpResponse<String> r = server.post(BASE + "/api/execute", "{\"language\":\"klingon\",\"code\":\"x\"}");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(TestServer.json(r).get("error").asText()).contains("klingon");
        }
    }

    /**
     * Every curl example of the four seeds, extracted from the documents themselves ({@link SeedCurlExamples}) and
     * sent as written with only the host changed, the key put where the document shows a placeholder, and the
     * anonymous tier on for the agent-runner's keyless examples. The seed's {@code python-3.14} runs on a real
     * python-3.14 where one is installed (sid's root image), else through the operator alias {@code python-3.14:
     * python}; without either (the default configuration on a host without it) it is the clear 400.
     */
    @Nested
    class EveryCurlExampleVerbatim {
        /** What the seeds' {@code compilers.aliases} example configures. */
        static final String PYTHON_ALIAS = uninstalledOr("python-3.14", "python");
        static final String GCC_ALIAS = uninstalledOr("gcc-15", "c");
        static final String ALIASES = "compilers:\n  aliases:\n    " + PYTHON_ALIAS + ": python\n    " + GCC_ALIAS + ": gcc\n";
        /** What the seed's {@code python-3.14} runs on with those aliases: itself where installed, else python's default. */
        static final String SEED_PYTHON = Toolchains.catalogue().compiler("python-3.14").map(Compiler::id)
                .orElse(Toolchains.defaultId("python"));

        /**
         * The seeds' alias name {@code id} when this host has no such compiler, else an id of {@code language} no host
         * has: an alias may not hide an installed compiler.
         */
        static String uninstalledOr(String id, String language) {
            return Toolchains.catalogue().compiler(id).isPresent() ? Toolchains.notInstalledId(language) : id;
        }
        /** Examples not run, and why. */
        static final Map<String, String> LEFT_OUT = Map.of(
                "001#1", "the authentication example's path is elided (\"/codeexec-api/...\")",
                "003#8", "POST /api/keys/create (self-service keys) is built by another helper (h-keys)");
        static TestServer aliased;
        static CallbackReceiver redirect;
        static String redirectKey;

        @BeforeAll
        static void startAliased() throws Exception {
            redirect = new CallbackReceiver(0);
            aliased = TestServer.start(Map.of("RUNBOX_ANONYMOUS", "true"), ALIASES);
            // The seed: "Results are delivered to your API key's redirect URL".
            redirectKey = aliased.createKey("api", "unlimited", "\"redirect_url\": \"" + redirect.url() + "\"");
        }

        @AfterAll
        static void stopAliased() {
            aliased.close();
            redirect.close();
        }

        static List<SeedCurlExamples.Example> examples(String key) {
            return SeedCurlExamples.all(Map.of("KEY", key));
        }

        static HttpResponse<String> send(TestServer to, SeedCurlExamples.Example e, String key) throws Exception {
            return to.send(e.to(to.url(""), Map.of("YOUR_API_KEY", key, "rt_live_xxx", key, "oanor_live_…", key)));
        }

        /** The check of each example's answer, by id; together with {@link #LEFT_OUT} it must name every example. */
        private Map<String, ThrowingConsumer<HttpResponse<String>>> checks() {
            String python = Toolchains.defaultId("python");
            Map<String, ThrowingConsumer<HttpResponse<String>>> c = new LinkedHashMap<>();
            c.put("000#1", r -> {
                JsonNode b = ok(r);
                assertThat(b.get("output").asText()).isEqualTo("Hello, World!\n");
                assertThat(b.get("status").asText()).isEqualTo("success");
                assertThat(b.get("compiler").asText()).as("the compiler that really ran").isEqualTo(SEED_PYTHON);
            });
            c.put("000#2", r -> {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                JsonNode b = TestServer.json(r);
                assertThat(b.get("status").asText()).isEqualTo("queued");
                String id = b.get("id").asText();
                long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
                while (redirect.deliveries().stream().noneMatch(d -> d.body().contains(id)) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                JsonNode delivered = io.runbox.server.http.Json.MAPPER.readTree(redirect.deliveries().stream()
                        .filter(d -> d.body().contains(id)).findFirst().orElseThrow().body());
                assertThat(delivered.get("output").asText()).isEqualTo("Hello, World!\n");
                assertThat(delivered.get("compiler").asText()).isEqualTo(SEED_PYTHON);
                assertThat(delivered.get("extra_params").toString()).isEqualTo("{}");
            });
            c.put("001#2", r -> {
                JsonNode d = ok(r).get("data");
                assertThat(d.get("stdout").asText()).isEqualTo("45\n");
                assertThat(d.get("compiler").asText()).isEqualTo(python);
            });
            c.put("001#3", r -> {
                JsonNode d = ok(r).get("data");
                assertThat(d.get("count").asInt()).isEqualTo(d.get("compilers").size()).isPositive();
                List<String> aliasesOfPython = new ArrayList<>();
                d.get("compilers").forEach(e -> {
                    if (e.get("id").asText().equals(python)) {
                        e.get("aliases").forEach(a -> aliasesOfPython.add(a.asText()));
                    }
                });
                assertThat(aliasesOfPython).as("the operator's aliases are listed").containsExactly(PYTHON_ALIAS);
            });
            c.put("001#4", r -> {
                JsonNode d = ok(r).get("data");
                assertThat(d.get("count").asInt()).isEqualTo(d.get("languages").size()).isPositive();
            });
            c.put("001#5", r -> assertThat(ok(r).get("data").get("endpoints").asInt()).isEqualTo(4));
            ThrowingConsumer<HttpResponse<String>> runtools = r -> {
                JsonNode b = ok(r);
                assertThat(b.get("language").asText()).isEqualTo("python");
                assertThat(b.get("run").get("stdout").asText()).isEqualTo("5050\n");
                assertThat(b.get("compiler").asText()).isEqualTo(python);
            };
            c.put("002#1", runtools);
            c.put("002#2", runtools);
            c.put("003#1", r -> {
                JsonNode b = ok(r);
                assertThat(b.get("stdout").asText()).isEqualTo("4950");
                assertThat(b.get("compiler").asText()).as("the compiler that really ran").isEqualTo(python);
            });
            c.put("003#2", r -> assertThat(ok(r).get("stdout").asText()).isEqualTo("1267650600228229401496703205376"));
            c.put("003#3", r -> assertThat(ok(r).get("stdout").asText()).isEqualTo("3.141592653589793"));
            c.put("003#4", r -> {
                JsonNode b = ok(r);
                assertThat(b.get("exitCode").asInt()).isZero();
                assertThat(b.get("stdout").asText()).matches("(?s).*\\d{4}.*");
            });
            c.put("003#5", r -> assertThat(ok(r).get("stdout").asText()).isEqualTo("[0, 1, 1, 2, 3, 5, 8, 13, 21, 34]"));
            c.put("003#6", r -> assertThat(ok(r).get("stdout").asText()).contains("0,  1,  4,  9, 16").contains("81"));
            c.put("003#7", r -> assertThat(ok(r).get("stdout").asText()).startsWith("Hello\n").endsWith("Linux"));
            return c;
        }

        @Test
        void theExtractedExamplesAreExactlyTheOnesChecked() {
            List<String> ids = examples("k").stream().map(SeedCurlExamples.Example::id).toList();
            assertThat(ids).hasSize(17).doesNotHaveDuplicates();
            List<String> named = new ArrayList<>(checks().keySet());
            named.addAll(LEFT_OUT.keySet());
            assertThat(ids).containsExactlyInAnyOrderElementsOf(named);
        }

        @Test
        void eachExampleAnswersAsDocumentedWithTheSeedsAliasesConfigured() throws Exception {
            Map<String, ThrowingConsumer<HttpResponse<String>>> checks = checks();
            List<String> failures = new ArrayList<>();
            for (SeedCurlExamples.Example e : examples(redirectKey)) {
                if (LEFT_OUT.containsKey(e.id())) {
                    continue;
                }
                HttpResponse<String> r = send(aliased, e, redirectKey);
                try {
                    checks.get(e.id()).accept(r);
                } catch (Throwable t) {
                    failures.add(e.id() + " " + e.method() + " " + e.path() + ": " + t.getMessage());
                }
            }
            assertThat(failures).isEmpty();
        }

        @Test
        void theKeylessExamplesSendNoKey() {
            assertThat(examples("k")).filteredOn(e -> e.id().startsWith("003"))
                    .allSatisfy(e -> assertThat(e.headers()).extracting(Map.Entry::getKey)
                            .doesNotContain("Authorization", "x-oanor-key"));
        }

        @Test
        void withoutAliasesTheSeedsPython314RunsWhereInstalledElseIsTheClear400() throws Exception {
            List<SeedCurlExamples.Example> python314 = examples(server.key()).stream()
                    .filter(e -> e.body() != null && e.body().contains("\"python-3.14\"")).toList();
            assertThat(python314).extracting(SeedCurlExamples.Example::id).containsExactly("000#1", "000#2");
            if (Toolchains.catalogue().compiler("python-3.14").isPresent()) {
                HttpResponse<String> r = send(server, python314.get(0), server.key());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(TestServer.json(r).get("compiler").asText()).isEqualTo("python-3.14");
                assertThat(TestServer.json(r).get("output").asText()).isEqualTo("Hello, World!\n");
                return;
            }
            for (SeedCurlExamples.Example e : python314) {
                HttpResponse<String> r = send(server, e, server.key());
                assertThat(r.statusCode()).as(e.id()).isEqualTo(400);
                JsonNode b = TestServer.json(r);
                assertThat(b.get("code").asText()).isEqualTo("compiler_not_installed");
                assertThat(b.get("error").asText()).contains("python-3.14").contains(Toolchains.defaultId("python"));
            }
        }

        @Test
        void anAliasOrABareLanguageWorksOnEveryDoorThatTakesACompiler() throws Exception {
            String c = Toolchains.defaultId("c");
            JsonNode wandbox = ok(aliased.get("/v1/run?compiler=" + GCC_ALIAS + "&code=int%20main%28%29%7Breturn%200%3B%7D"))
                    .get("data");
            assertThat(wandbox.get("compiler").asText()).isEqualTo(c);
            JsonNode bare = ok(server.post("/api/run-code-sync/", "{\"compiler\": \"python\", \"code\": \"print(1)\"}"));
            assertThat(bare.get("output").asText()).isEqualTo("1\n");
            assertThat(bare.get("compiler").asText()).isEqualTo(Toolchains.defaultId("python"));
            List<String> ids = new ArrayList<>();
            ok(aliased.get("/api/compilers/")).forEach(id -> ids.add(id.asText()));
            assertThat(ids).contains(PYTHON_ALIAS, GCC_ALIAS, c);
            List<String> plain = new ArrayList<>();
            ok(server.get("/api/compilers/")).forEach(id -> plain.add(id.asText()));
            assertThat(plain).as("no aliases by default").doesNotContain(PYTHON_ALIAS, GCC_ALIAS);
            JsonNode languageOfAlias = ok(aliased.get("/v1/compilers?language=" + GCC_ALIAS)).get("data");
            assertThat(languageOfAlias.get("compilers").get(0).get("language_id").asText()).isEqualTo("c");
        }

        @Test
        void anAliasToSomethingNotInstalledStopsTheStartNamingTheKey() {
            assertThatThrownBy(() -> TestServer.start(Map.of(), "compilers:\n  aliases:\n    rust-1.93: klingon\n").close())
                    .isInstanceOf(io.runbox.server.config.InvalidConfigException.class)
                    .hasMessageStartingWith("compilers.aliases.rust-1.93: ").hasMessageContaining("'klingon'");
        }
    }

    /** A check that may throw what the request or the JSON parser throws. */
    @FunctionalInterface
    interface ThrowingConsumer<T> {
        void accept(T t) throws Exception;
    }
}
