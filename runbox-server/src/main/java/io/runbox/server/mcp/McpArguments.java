package io.runbox.server.mcp;

import io.runbox.execution.DidYouMean;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tool call's argument names checked against the tool's input schema, as a REST body's field names are: one the
 * tool does not have is named, with the one it was probably meant to be, instead of being silently ignored. (The
 * SDK already refuses an argument of the wrong JSON type, against the same schema.)
 */
final class McpArguments {
    private McpArguments() {
    }

    /**
     * The first argument in {@code args}, or in an object within them ({@code files[0].nmae}), that the schema's
     * {@code properties} (followed through {@code items} and nested {@code properties}) do not name, as a message for
     * the model; empty when there is none.
     */
    static Optional<String> problem(Map<String, Object> properties, Map<String, Object> args) {
        return unknown("", properties, args);
    }

    private static Optional<String> unknown(String prefix, Map<?, ?> properties, Map<?, ?> args) {
        for (Map.Entry<?, ?> e : args.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!(properties.get(name) instanceof Map<?, ?> schema)) {
                List<String> known = properties.keySet().stream().map(String::valueOf).sorted().toList();
                String hint = DidYouMean.suffix(name, known);
                return Optional.of("unknown argument '" + prefix + name + "'"
                        + (hint.isEmpty() ? "; the arguments here are " + String.join(", ", known) : hint));
            }
            Optional<String> inner = within(prefix + name, schema, e.getValue());
            if (inner.isPresent()) {
                return inner;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> within(String path, Map<?, ?> schema, Object value) {
        if (value instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
            for (int i = 0; i < list.size(); i++) {
                Optional<String> p = within(path + "[" + i + "]", items, list.get(i));
                if (p.isPresent()) {
                    return p;
                }
            }
        }
        if (value instanceof Map<?, ?> map && schema.get("properties") instanceof Map<?, ?> nested) {
            return unknown(path + ".", nested, map);
        }
        return Optional.empty();
    }
}
