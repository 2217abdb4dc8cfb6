package io.runbox.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;

/**
 * Reads a path prefix a door is mounted under: empty, or a path such as {@code /judge0} (a leading slash, no trailing
 * one, no route pattern). Anything else fails the read naming the setting, as {@link ConfigErrors} words it.
 */
final class PathPrefixJson extends StdDeserializer<String> {
    PathPrefixJson() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        String text = p.getValueAsString();
        if (text == null || text.isEmpty()) {
            return "";
        }
        if (!text.matches("(/[A-Za-z0-9._~-]+)+")) {
            throw InvalidFormatException.from(p, "\"" + text + "\" is not a path prefix (use /judge0, /api/judge0,"
                    + " or an empty value for the root paths alone)", text, String.class);
        }
        return text;
    }
}
