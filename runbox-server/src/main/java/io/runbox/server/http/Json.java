package io.runbox.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.util.stream.Collectors;

/** The one JSON mapper of the server, and request-body parsing that fails as a clear 400. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .findAndRegisterModules();

    private Json() {
    }

    /** Parses {@code body} as {@code type}; malformed JSON or a field of the wrong type is a 400 naming it. */
    public static <T> T parse(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("invalid_json", "the request body is empty; send a JSON object", null);
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("invalid_json", "the request body must be a JSON object", null);
            }
            return value;
        } catch (MismatchedInputException e) {
            String field = path(e);
            throw ApiException.badRequest("invalid_request",
                    (field.isEmpty() ? "the request body" : "field '" + field + "'") + " has the wrong type: "
                            + e.getOriginalMessage().replaceAll(" \\(.*", ""), field.isEmpty() ? null : field);
        } catch (JsonMappingException e) {
            String field = path(e);
            throw ApiException.badRequest("invalid_request", e.getOriginalMessage(), field.isEmpty() ? null : field);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_json", "malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), null);
        } catch (IOException e) {
            throw ApiException.badRequest("invalid_json", "unreadable request body", null);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
