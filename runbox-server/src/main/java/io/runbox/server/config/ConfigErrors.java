package io.runbox.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns what the YAML reader says about a configuration into the one line {@link InvalidConfigException} carries. */
final class ConfigErrors {
    private ConfigErrors() {
    }

    /**
     * @param file            the file read, or {@code null}
     * @param fromEnvironment YAML key to the {@code RUNBOX_*} variable that set it
     */
    static String describe(JsonMappingException e, Path file, Map<String, String> fromEnvironment) {
        String key = key(e);
        String variable = fromEnvironment.get(key);
        String where = variable != null ? variable + " (" + key + ")"
                : (key.isEmpty() ? "the configuration" : key) + (file == null ? "" : " in " + file);
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown key " + where + " (known there: " + known(u.getKnownPropertyIds()) + ")";
        }
        if (e instanceof InvalidFormatException f) {
            String said = f.getOriginalMessage();
            // QuantityJson's messages quote the value and say what would do; Jackson's own name Java types.
            return where + ": " + (said.startsWith("\"") ? said : "\"" + f.getValue() + "\" is not " + kind(f.getTargetType()));
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return where + ": expected " + kind(m.getTargetType());
        }
        return where + ": " + firstLine(e);
    }

    /** The dotted YAML key the failure is about, such as {@code server.request_deadline} or {@code plans.team.max_memory}. */
    static String key(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    static String firstLine(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("").trim();
    }

    /** {@code " (line 3, column 7)"}, or nothing when the reader did not say. */
    static String where(JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        return l == null || l.getLineNr() < 1 ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }

    private static String known(Collection<Object> ids) {
        return ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String kind(Class<?> type) {
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping";
    }
}
