package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The rules the engine owns, seen through the dialects that used to each keep a copy of them: the same request
 * comes out the same way whichever dialect it came through.
 */
class DialectRulesTest extends OneServerPerClass {
    /** A C program in two files, neither named: the entry point calls what the second defines. */
    static final String MAIN_C = "#include <stdio.h>\\nint helper(void);\\nint main(void) { printf(\\\"%d\\\\n\\\", helper());"
            + " return 0; }";
    static final String HELPER_C = "int helper(void) { return 42; }";

    private static JsonNode ok(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.json(r);
    }

    @Test
    void unnamedFilesAfterTheEntryPointAreCompiledInNative() throws Exception {
        JsonNode r = ok(server.post("/v1/execute", "{\"language\": \"c\", \"files\": [{\"content\": \"" + MAIN_C
                + "\"}, {\"content\": \"" + HELPER_C + "\"}]}"));
        assertThat(r.get("status").asText()).as(r.toString()).isEqualTo("OK");
        assertThat(r.get("run").get("stdout").asText()).isEqualTo("42\n");
    }

    @Test
    void unnamedFilesAfterTheEntryPointAreCompiledInPiston() throws Exception {
        JsonNode r = ok(server.post("/api/v2/execute", "{\"language\": \"c\", \"version\": \"*\", \"files\": [{\"content\": \""
                + MAIN_C + "\"}, {\"name\": \"\", \"content\": \"" + HELPER_C + "\"}]}"));
        assertThat(r.get("compile").get("code").asInt()).as(r.toString()).isZero();
        assertThat(r.get("run").get("stdout").asText()).isEqualTo("42\n");
    }

    @Test
    void aFailedCompileIsNeverShownAsTheProgramsOutput() throws Exception {
        // mcs prints "Compilation failed: ..." on stdout: the compiler's, not the program's.
        String code = "class A { static void Main() { nope(); } }";
        JsonNode online = ok(server.post("/api/run-code-sync/", "{\"compiler\": \"" + defaultCompiler("csharp")
                + "\", \"code\": \"" + code + "\"}"));
        assertThat(online.get("status").asText()).isEqualTo("error");
        assertThat(online.get("output").asText()).as(online.toString()).isEmpty();
        assertThat(online.get("error").asText()).contains("Compilation failed").contains("nope");
        JsonNode agent = ok(server.post("/api/execute", "{\"language\": \"csharp\", \"code\": \"" + code + "\"}"));
        assertThat(agent.get("stdout").asText()).isEmpty();
        assertThat(agent.get("stderr").asText()).isEqualTo(online.get("error").asText());
        JsonNode wandbox = ok(server.get("/v1/run?language=csharp&code="
                + java.net.URLEncoder.encode(code, java.nio.charset.StandardCharsets.UTF_8))).get("data");
        assertThat(wandbox.get("stdout").asText()).isEmpty();
        assertThat(wandbox.get("compiler_message").asText()).isEqualTo(online.get("error").asText());
    }

    @Test
    void aCompilerIdThatIsNotInstalledStandsForItsToolchainInEveryDialect() throws Exception {
        // The onlinecompiler dialect's own regex left "-3.14-dev" on the id and answered unknown_compiler.
        HttpResponse<String> online = server.post("/api/run-code-sync/", "{\"compiler\": \"Python-3.14-dev\","
                + " \"code\": \"print(1)\"}");
        assertThat(online.statusCode()).isEqualTo(400);
        assertThat(online.body()).contains("compiler_not_installed").contains(defaultCompiler("python"));
        // What the widget asks for its data-lang.
        JsonNode same = ok(server.get("/v1/compilers?language=GCC-13")).get("data").get("compilers");
        assertThat(same.findValuesAsText("language_id")).isNotEmpty().allMatch("c"::equals);
        assertThat(server.get("/v1/compilers?language=klingon-3").statusCode()).isEqualTo(400);
        // Piston's runtimes name the toolchain where it is not the language.
        JsonNode runtimes = ok(server.get("/api/v2/runtimes"));
        for (JsonNode r : runtimes) {
            String runtime = r.path("runtime").asText(null);
            switch (r.get("language").asText()) {
                case "c" -> assertThat(runtime).isIn("gcc", "clang");
                case "java" -> assertThat(runtime).isEqualTo("openjdk");
                case "python" -> assertThat(runtime == null || runtime.equals("pypy")).as(runtime).isTrue();
                default -> { }
            }
        }
    }

    /** The default compiler of a language, as the catalogue lists it. */
    private static String defaultCompiler(String language) throws Exception {
        for (JsonNode l : ok(server.get("/v1/languages")).get("data").get("languages")) {
            if (l.get("id").asText().equals(language)) {
                return l.get("default_compiler").asText();
            }
        }
        throw new AssertionError("no " + language + " in the catalogue");
    }
}
