package io.runbox.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;

/**
 * The one JSON mapper of the server, and request-body parsing that fails as a clear 400.
 *
 * <p>The mapper never converts between JSON types: {@code "code": 123} is not the string {@code "123"},
 * {@code "run_timeout": "5"} not the number 5, {@code "save": 1} not {@code true}, {@code 2.5} not a whole number
 * (but {@code 1e18} is one: {@link WholeNumbers}).
 */
public final class Json {
    public static final ObjectMapper MAPPER = strictScalars(JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .findAndAddModules()
            .addModule(WholeNumbers.module())
            .build());

    private Json() {
    }

    /**
     * Parses {@code body}, a JSON object, as {@code type}: a request body of one of the server's doors.
     * Every failure is an {@link ApiException} (400) that a client can act on: malformed JSON says where (line,
     * column); a field of the wrong JSON type, or one that {@code type} does not have, is named, with the field
     * it was probably meant to be. A wire record whose dialect's clients send fields Runbox does not use says so
     * with {@code @JsonIgnoreProperties(ignoreUnknown = true)}.
     *
     * @param doorFields fields of the message that the door itself consumed (a WebSocket message's {@code type},
     *                   a Socket.IO {@code api_key}): not part of {@code type}, and not unknown
     */
    public static <T> T parse(byte[] body, Class<T> type, String... doorFields) {
        ObjectNode object = object(body);
        for (String f : doorFields) {
            object.remove(f);
        }
        try {
            return MAPPER.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(object);
        } catch (IOException e) {
            throw JsonProblems.invalid(e, object);
        }
    }

    /** Parses {@code body} as a JSON object, failing as {@link #parse} does when it is not one. */
    public static ObjectNode object(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("invalid_json", "the request body is empty; send a JSON object", null);
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw JsonProblems.malformed(e);
        } catch (IOException e) {
            throw ApiException.badRequest("invalid_json", "unreadable request body", null);
        }
        if (tree == null || tree.isMissingNode()) {
            throw ApiException.badRequest("invalid_json", "the request body is empty; send a JSON object", null);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw ApiException.badRequest("invalid_request", "the request body must be a JSON object, not "
                    + JsonProblems.describe(tree.asToken()), null);
        }
        return object;
    }

    /** No conversion from one JSON scalar type to another, whatever the Java type it is read into. */
    private static ObjectMapper strictScalars(ObjectMapper m) {
        m.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return m;
    }
}
