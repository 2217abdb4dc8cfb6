package io.runbox.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plain-text table: a header row, a rule, data rows; the first column left-aligned, the others right-aligned.
 * Prints with two-space gutters and no trailing blanks, so it pastes cleanly into a README code block.
 */
final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... header) {
        this.header = List.of(header);
    }

    Table row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(format(c));
        }
        rows.add(r);
        return this;
    }

    static String format(Object c) {
        if (c == null) {
            return "-";
        }
        if (c instanceof Double d) {
            if (d.isNaN()) {
                return "-";
            }
            return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.0f" : "%.1f", d);
        }
        return c.toString();
    }

    String render() {
        int cols = header.size();
        int[] w = new int[cols];
        for (int i = 0; i < cols; i++) {
            w[i] = header.get(i).length();
            for (List<String> r : rows) {
                if (i < r.size()) {
                    w[i] = Math.max(w[i], r.get(i).length());
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, w);
        int total = 0;
        for (int x : w) {
            total += x;
        }
        sb.append("-".repeat(total + 2 * (cols - 1))).append('\n');
        for (List<String> r : rows) {
            line(sb, r, w);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            String c = i < cells.size() ? cells.get(i) : "";
            if (i > 0) {
                l.append("  ");
            }
            if (i == 0) {
                l.append(c).append(" ".repeat(w[i] - c.length()));
            } else {
                l.append(" ".repeat(w[i] - c.length())).append(c);
            }
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
