package io.runbox.execution.catalogue;

import java.util.ArrayList;
import java.util.List;

/** A dotted numeric version such as {@code 3.11.2}; missing parts compare as zero. */
public record Version(List<Integer> parts) implements Comparable<Version> {

    public Version {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("empty version");
        }
    }

    /** Parses the leading {@code N(.N)*} of {@code text}; throws if it starts with no number. */
    public static Version parse(String text) {
        List<Integer> parts = new ArrayList<>();
        for (String p : text.trim().split("\\.")) {
            String digits = p.replaceFirst("^(\\d+).*$", "$1");
            if (digits.isEmpty() || !Character.isDigit(digits.charAt(0))) {
                break;
            }
            parts.add(Integer.parseInt(digits));
            if (!digits.equals(p)) {
                break;
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("not a version: '" + text + "'");
        }
        return new Version(parts);
    }

    public int part(int i) {
        return i < parts.size() ? parts.get(i) : 0;
    }

    public int major() {
        return part(0);
    }

    public int minor() {
        return part(1);
    }

    public int patch() {
        return part(2);
    }

    @Override
    public int compareTo(Version o) {
        for (int i = 0; i < Math.max(parts.size(), o.parts.size()); i++) {
            int c = Integer.compare(part(i), o.part(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return String.join(".", parts.stream().map(String::valueOf).toList());
    }
}
