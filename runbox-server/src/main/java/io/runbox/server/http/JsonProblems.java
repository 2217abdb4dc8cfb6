package io.runbox.server.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.runbox.execution.DidYouMean;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a client is told when its JSON is not what a door reads: in JSON's words (string, number, object), with
 * the line and column or the field, and nothing of the parser's own wording (no Java types, no character codes).
 */
final class JsonProblems {
    private JsonProblems() {
    }

    /** Text that is not JSON at all: {@code invalid_json}, saying where. */
    static ApiException malformed(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return ApiException.badRequest("invalid_json", "malformed JSON" + where + ": " + plain(e.getOriginalMessage()),
                null);
    }

    /** JSON that does not fit the door's request ({@code body}): {@code invalid_request} naming the field. */
    static ApiException invalid(java.io.IOException e, JsonNode body) {
        if (!(e instanceof JsonMappingException m)) {
            return ApiException.badRequest("invalid_request", "the request body cannot be read: "
                    + plain(e instanceof JsonProcessingException p ? p.getOriginalMessage() : "unreadable"), null);
        }
        String field = path(m);
        if (m instanceof UnrecognizedPropertyException u) {
            List<String> known = u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            String hint = DidYouMean.suffix(u.getPropertyName(), known);
            return ApiException.badRequest("unknown_field", "unknown field '" + field + "'"
                    + (hint.isEmpty() ? "; the fields here are " + String.join(", ", known) : hint), field);
        }
        String subject = field.isEmpty() ? "the request body" : "field '" + field + "'";
        JsonNode value = at(body, m.getPath());
        String fieldOrNull = field.isEmpty() ? null : field;
        if (m instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            String wanted = expected(mi.getTargetType());
            if (value != null && value.isNumber() && WholeNumbers.isWhole(value.decimalValue())
                    && wanted.equals("a whole number")) {
                return ApiException.badRequest("invalid_request", subject + " is out of range", fieldOrNull);
            }
            return ApiException.badRequest("invalid_request", subject + " must be " + wanted
                    + (value == null ? "" : ", not " + describe(value.asToken())), fieldOrNull);
        }
        if (value != null && value.isNumber()) {
            return ApiException.badRequest("invalid_request", subject + " is out of range", fieldOrNull);
        }
        return ApiException.badRequest("invalid_request", subject + " has an invalid value", fieldOrNull);
    }

    /** The value at {@code path} in {@code body}, or null where the path leads nowhere. */
    private static JsonNode at(JsonNode body, List<JsonMappingException.Reference> path) {
        JsonNode node = body;
        for (JsonMappingException.Reference r : path) {
            node = node == null ? null : r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
        }
        return node;
    }

    /** A JSON value's kind in the words of the JSON spec. */
    static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "a whole number";
            case VALUE_NUMBER_FLOAT -> "a fractional number";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case VALUE_NULL -> "null";
            case START_ARRAY, END_ARRAY -> "an array";
            case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
            default -> "nothing";
        };
    }

    private static String expected(Class<?> t) {
        if (CharSequence.class.isAssignableFrom(t) || t == char.class || t == Character.class || t.isEnum()) {
            return "a string";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "true or false";
        }
        if (t == int.class || t == long.class || t == short.class || t == byte.class || t == Integer.class
                || t == Long.class || t == Short.class || t == Byte.class || t == BigInteger.class) {
            return "a whole number";
        }
        if (t.isPrimitive() || Number.class.isAssignableFrom(t)) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(t) || t.isArray()) {
            return "an array";
        }
        return "an object";
    }

    /** {@code files[0].name}: the path of the field at fault, as a client writes it. */
    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** A parser message in plain words: no character codes, no source excerpt, no parser vocabulary, one line. */
    private static String plain(String message) {
        if (message == null) {
            return "unreadable";
        }
        String m = message.lines().findFirst().orElse("");
        if (m.startsWith("Trailing token")) {
            return "there is more after the JSON value; send exactly one object";
        }
        return m.replaceAll("\\(CTRL-CHAR, code \\d+\\)", "a control character")
                .replaceAll("\\s*\\(code -?\\d+\\)", "")
                .replaceAll("Unexpected character \\('(.*?)'\\)", "unexpected '$1'")
                .replaceAll("Unrecognized token '(.*?)'", "unexpected '$1'")
                .replace("(JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                        "(a string, number, array, object, true, false or null)")
                .replace("was expecting", "expected")
                .replace("close marker for Object", "'}' to close an object")
                .replace("close marker for Array", "']' to close an array")
                .replace("end-of-input", "end of the body")
                .replaceAll("\\s*\\(start marker at \\[Source:.*", "")
                .replaceAll("\\s*\\[Source:.*", "")
                .replaceAll("\\s*\\(for (Object|Array) starting at.*", "")
                .strip();
    }
}
