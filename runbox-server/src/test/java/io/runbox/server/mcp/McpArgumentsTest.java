package io.runbox.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpArgumentsTest {
    private static final Map<String, Object> SCHEMA = Map.of(
            "code", Map.of("type", "string"),
            "stdin", Map.of("type", "string"),
            "files", Map.of("type", "array", "items", Map.of("type", "object", "properties", Map.of(
                    "name", Map.of("type", "string"), "content", Map.of("type", "string")))));

    @Test
    void argumentsThatFitTheSchemaPass() {
        assertThat(McpArguments.problem(SCHEMA, Map.of("code", "print(1)", "files",
                List.of(Map.of("name", "a.py", "content", "1"))))).isEmpty();
        java.util.HashMap<String, Object> withNull = new java.util.HashMap<>();
        withNull.put("stdin", null);
        assertThat(McpArguments.problem(SCHEMA, withNull)).isEmpty();
    }

    @Test
    void anUnknownArgumentIsNamedWithTheClosestOne() {
        assertThat(McpArguments.problem(SCHEMA, Map.of("stdn", "x"))).contains("unknown argument 'stdn'; did you mean 'stdin'?");
        assertThat(McpArguments.problem(SCHEMA, Map.of("files", List.of(Map.of("nmae", "a.py")))))
                .contains("unknown argument 'files[0].nmae'; did you mean 'name'?");
        assertThat(McpArguments.problem(SCHEMA, Map.of("source", "x")))
                .contains("unknown argument 'source'; the arguments here are code, files, stdin");
    }
}
