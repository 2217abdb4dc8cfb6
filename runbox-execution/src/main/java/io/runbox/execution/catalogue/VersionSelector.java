package io.runbox.execution.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which installed toolchain a request means. Accepts {@code null}, empty, {@code *} or {@code latest} (the
 * default); an exact compiler id ({@code gcc-12}); a version or a prefix of one ({@code 3.11},
 * {@code 3.11.2}, {@code 17}); wildcards ({@code 3.x}, {@code 3.*}); comparators ({@code >=17},
 * {@code <3.12}, {@code ^3.10}, {@code ~3.11.1}), space-separated for AND and {@code ||} for OR.
 */
public final class VersionSelector {
    private static final Pattern COMPARATOR = Pattern.compile("(>=|<=|>|<|=|\\^|~)?\\s*v?([0-9xX*]+(?:\\.[0-9xX*]+)*)");

    private final String text;
    private final Predicate<Version> range;

    private VersionSelector(String text, Predicate<Version> range) {
        this.text = text;
        this.range = range;
    }

    /** @throws IllegalArgumentException when the text is neither an id-like token nor a range */
    public static VersionSelector parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty() || t.equals("*") || t.equalsIgnoreCase("latest")) {
            return new VersionSelector(t, v -> true);
        }
        Predicate<Version> any = null;
        for (String alternative : t.split("\\|\\|")) {
            Predicate<Version> all = v -> true;
            for (String token : splitComparators(alternative.trim())) {
                all = all.and(comparator(token));
            }
            any = any == null ? all : any.or(all);
        }
        return new VersionSelector(t, any);
    }

    /** Tries {@link #parse}; for a selector that is no range (such as a compiler id), one that matches nothing. */
    public static VersionSelector parseLenient(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            return new VersionSelector(text, v -> false);
        }
    }

    /** True when {@code compilerId} equals the selector (ids are compared case-insensitively). */
    public boolean namesCompiler(String compilerId) {
        return compilerId.equalsIgnoreCase(text);
    }

    public boolean matches(Version v) {
        return range.test(v);
    }

    public boolean isDefault() {
        return text.isEmpty() || text.equals("*") || text.equalsIgnoreCase("latest");
    }

    @Override
    public String toString() {
        return text;
    }

    private static List<String> splitComparators(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = COMPARATOR.matcher(s);
        int pos = 0;
        while (pos < s.length()) {
            if (Character.isWhitespace(s.charAt(pos)) || s.charAt(pos) == ',') {
                pos++;
                continue;
            }
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("not a version selector: '" + s + "'");
            }
            out.add(m.group());
            pos = m.end();
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("empty version selector");
        }
        return out;
    }

    private static Predicate<Version> comparator(String token) {
        Matcher m = COMPARATOR.matcher(token);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a version selector: '" + token + "'");
        }
        String op = m.group(1) == null ? "" : m.group(1);
        String[] raw = m.group(2).toLowerCase(Locale.ROOT).split("\\.");
        List<Integer> fixed = new ArrayList<>();
        for (String p : raw) {
            if (p.equals("x") || p.equals("*")) {
                break;
            }
            fixed.add(Integer.parseInt(p));
        }
        if (fixed.isEmpty()) {
            return v -> true;
        }
        Version base = new Version(fixed);
        int n = fixed.size();
        return switch (op) {
            case ">=" -> v -> v.compareTo(base) >= 0;
            case ">" -> v -> v.compareTo(base) > 0 && !prefixEquals(v, base, n);
            case "<=" -> v -> v.compareTo(base) <= 0 || prefixEquals(v, base, n);
            case "<" -> v -> v.compareTo(base) < 0;
            case "^" -> v -> v.compareTo(base) >= 0 && v.major() == base.major();
            case "~" -> v -> v.compareTo(base) >= 0 && prefixEquals(v, base, Math.min(n, 2));
            default -> v -> prefixEquals(v, base, n);
        };
    }

    private static boolean prefixEquals(Version v, Version base, int n) {
        for (int i = 0; i < n; i++) {
            if (v.part(i) != base.part(i)) {
                return false;
            }
        }
        return true;
    }
}
