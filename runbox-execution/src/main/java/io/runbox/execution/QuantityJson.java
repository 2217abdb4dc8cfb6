package io.runbox.execution;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;

/**
 * Reads {@link Quantities} from YAML or JSON while the file is read, so a setting holds bytes or a {@link Duration}
 * from then on. Annotate a field with {@code @JsonDeserialize(using = QuantityJson.Size.class)} or
 * {@code QuantityJson.Time.class}. A value that does not parse fails the read with an {@link InvalidFormatException}
 * whose {@code getOriginalMessage()} is {@link Quantities}' own ({@code "5 parsecs" is not a duration (...)}) and whose
 * path names the setting.
 */
public final class QuantityJson {
    private QuantityJson() {
    }

    /** A size in bytes: {@code 512m}, {@code 1g}, or a bare number of bytes. */
    public static final class Size extends Text<Long> {
        public Size() {
            super(Long.class, Quantities::bytes);
        }
    }

    /** A duration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or a bare number of seconds. */
    public static final class Time extends Text<Duration> {
        public Time() {
            super(Duration.class, Quantities::duration);
        }
    }

    private abstract static class Text<T> extends StdScalarDeserializer<T> {
        private final transient Function<String, T> parse;

        Text(Class<T> type, Function<String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            String text = t == JsonToken.VALUE_STRING || t.isNumeric() ? p.getText() : null;
            if (text == null) {
                String shown = t.isStructStart() ? (t == JsonToken.START_OBJECT ? "{...}" : "[...]") : p.getText();
                p.skipChildren();
                text = shown;
            }
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, e.getMessage(), text, handledType());
            }
        }
    }
}
