package io.runbox.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Function;

/**
 * How a request's {@code Long} and {@code Integer} fields read a JSON number. JSON has one number type, so
 * {@code 1e18} and {@code 5000.0} are whole numbers and are read as such; {@code 2.5} is not, and is refused rather
 * than cut to 2; a string, boolean or other JSON type is refused too. A whole number beyond the field's range is
 * refused as out of range.
 */
final class WholeNumbers {
    private WholeNumbers() {
    }

    static SimpleModule module() {
        return new SimpleModule("WholeNumbers")
                .addDeserializer(Long.class, new Reader<>(Long.class, Long.MIN_VALUE, Long.MAX_VALUE, BigInteger::longValue))
                .addDeserializer(Integer.class, new Reader<>(Integer.class, Integer.MIN_VALUE, Integer.MAX_VALUE,
                        BigInteger::intValue));
    }

    /** Whether {@code d} has no fractional part. */
    static boolean isWhole(BigDecimal d) {
        return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }

    private static final class Reader<T extends Number> extends StdScalarDeserializer<T> {
        private final Class<T> type;
        private final BigInteger min;
        private final BigInteger max;
        private final Function<BigInteger, T> box;

        Reader(Class<T> type, long min, long max, Function<BigInteger, T> box) {
            super(type);
            this.type = type;
            this.min = BigInteger.valueOf(min);
            this.max = BigInteger.valueOf(max);
            this.box = box;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            BigInteger value = switch (p.currentToken()) {
                case VALUE_NUMBER_INT -> p.getBigIntegerValue();
                case VALUE_NUMBER_FLOAT -> isWhole(p.getDecimalValue()) ? p.getDecimalValue().toBigIntegerExact() : null;
                default -> null;
            };
            if (value == null) {
                return (T) ctxt.handleUnexpectedToken(type, p);
            }
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw ctxt.weirdNumberException(value, type, "out of range");
            }
            return box.apply(value);
        }
    }
}
