package io.runbox.execution;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the human quantities of configuration files: sizes such as {@code 512m} or {@code 1g}, durations such as
 * {@code 500ms}, {@code 30s}, {@code 5m} or {@code 1h}. A text that does not parse, or names more than a {@code long}
 * holds (bytes; nanoseconds for a duration, about 292 years), is an {@link IllegalArgumentException} whose message
 * quotes the text and says what would do, ready to follow the name of the setting it came from.
 */
public final class Quantities {
    /** How to write a size, as error messages say it. */
    public static final String SIZE_HINT = "use 512m, 1g, 64k or a number of bytes";
    /** How to write a duration, as error messages say it. */
    public static final String DURATION_HINT = "use 500ms, 30s, 5m, 1h";

    private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*([kmg]i?b?|b)?");
    private static final Pattern TIME = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private Quantities() {
    }

    /** Bytes from {@code 123}, {@code 64k}, {@code 512m}, {@code 2g} (binary multiples). */
    public static long bytes(String text) {
        Matcher m = BYTES.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(quoted(text) + " is not a size (" + SIZE_HINT + ")");
        }
        String unit = m.group(2) == null ? "b" : m.group(2).substring(0, 1);
        long multiple = switch (unit) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            default -> 1;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), multiple);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(quoted(text) + " is too large a size");
        }
    }

    /** A duration from {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}; a bare number is seconds. */
    public static Duration duration(String text) {
        Matcher m = TIME.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(quoted(text) + " is not a duration (" + DURATION_HINT + ")");
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        try {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
            d.toNanos(); // every user of a duration may count it in nanoseconds
            return d;
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(quoted(text) + " is too long a duration");
        }
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }
}
