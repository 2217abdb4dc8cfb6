package io.runbox.execution;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the human quantities of configuration files: {@code 512m}, {@code 1g}, {@code 30s}, {@code 500ms}. */
public final class Quantities {
    private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*([kmg]i?b?|b)?");
    private static final Pattern TIME = Pattern.compile("(\\d+)\\s*(ms|s|m)?");

    private Quantities() {
    }

    /** Bytes from {@code 123}, {@code 64k}, {@code 512m}, {@code 2g} (binary multiples). */
    public static long bytes(String text) {
        Matcher m = BYTES.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "' (use e.g. 512m, 1g, 64k)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).substring(0, 1);
        return switch (unit) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
    }

    /** A duration from {@code 500ms}, {@code 30s}, {@code 2m}; a bare number is seconds. */
    public static Duration duration(String text) {
        Matcher m = TIME.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 500ms, 30s, 2m)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
