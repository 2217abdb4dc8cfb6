package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules the engine owns, seen through the dialects that used to each keep a copy of them: the same request
 * comes out the same way whichever dialect it came through.
 */
class DialectRulesTest {
    /** A C program in two files, neither named: the entry point calls what the second defines. */
    static final String MAIN_C = "#include <stdio.h>\\nint helper(void);\\nint main(void) { printf(\\\"%d\\\\n\\\", helper());"
            + " return 0; }";
    static final String HELPER_C = "int helper(void) { return 42; }";

    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

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
}
