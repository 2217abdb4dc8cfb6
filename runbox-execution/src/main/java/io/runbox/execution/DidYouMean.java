package io.runbox.execution;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule for "did you mean": which known name a mistyped one was probably meant to be. Every door uses it,
 * for languages, compilers and request fields alike, so the same typo gets the same suggestion everywhere.
 */
public final class DidYouMean {
    private DidYouMean() {
    }

    /**
     * The candidate closest to {@code wanted} by edit distance, ignoring case, when it is close enough to be a typo:
     * at most one edit for names up to 4 characters, two up to 8, three beyond, and never the whole name. Where
     * several are equally close,
     * the first in {@code candidates}' order. Empty when none is close, or {@code wanted} is null or blank.
     */
    public static Optional<String> closest(String wanted, Collection<String> candidates) {
        if (wanted == null || wanted.isBlank()) {
            return Optional.empty();
        }
        String w = wanted.strip().toLowerCase(Locale.ROOT);
        int allowed = Math.min(w.length() - 1, w.length() <= 4 ? 1 : w.length() <= 8 ? 2 : 3);
        String best = null;
        int bestDistance = allowed + 1;
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code "; did you mean 'x'?"} for the {@link #closest} candidate, or the empty string when none is close. */
    public static String suffix(String wanted, Collection<String> candidates) {
        return closest(wanted, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
    }

    /**
     * Edit distance counting insertions, deletions, substitutions and swaps of two neighbours (optimal string
     * alignment): {@code pyhton} is one edit from {@code python}, as a typo is.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
