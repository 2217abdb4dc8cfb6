package io.runbox.server.api.judge0;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.ErrorFormat;
import io.runbox.server.http.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the Judge0 door is served (Judge0's root paths, and again under the configured prefix) and how it spells
 * errors there: {@code {"field": ["message"]}} for a refused field, else {@code {"error": "message"}}, as Judge0 does.
 */
final class Judge0Paths {
    /** Judge0's top-level paths. */
    static final List<String> ROOTS = List.of("/submissions", "/languages", "/statuses", "/about", "/version",
            "/config_info", "/system_info", "/workers");

    private Judge0Paths() {
    }

    /** The path prefixes the door is served under: the root, then {@code prefix} unless it is empty. */
    static List<String> bases(String prefix) {
        return prefix == null || prefix.isEmpty() ? List.of("") : List.of("", prefix);
    }

    static ErrorFormat errorFormat(String prefix) {
        List<String> paths = new ArrayList<>();
        for (String base : bases(prefix)) {
            ROOTS.forEach(r -> paths.add(base + r));
        }
        return ErrorFormat.forPrefixes((ctx, e) -> ctx.json(body(e)), paths.toArray(String[]::new));
    }

    static ObjectNode body(ApiException e) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (e.field() != null && e.status() == 422) {
            body.putArray(e.field()).add(e.getMessage());
        } else {
            body.put("error", e.getMessage());
        }
        return body;
    }

    static ObjectNode error(String message) {
        return Json.MAPPER.createObjectNode().put("error", message);
    }
}
