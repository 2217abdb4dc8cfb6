package io.runbox.server.api.judge0;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A submission Judge0 would not save: every refused field with its messages, as Judge0 answers them with 422
 * ({@code {"language_id": ["can't be blank"]}}).
 */
final class Judge0Invalid extends RuntimeException {
    private final Map<String, List<String>> errors;

    Judge0Invalid(Map<String, List<String>> errors) {
        super(errors.toString(), null, false, false);
        this.errors = new LinkedHashMap<>(errors);
    }

    static Judge0Invalid of(String field, String message) {
        return new Judge0Invalid(Map.of(field, List.of(message)));
    }

    Map<String, List<String>> errors() {
        return errors;
    }
}
