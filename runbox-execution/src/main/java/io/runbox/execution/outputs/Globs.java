package io.runbox.execution.outputs;

import io.runbox.execution.RequestRejectedException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code output_files} patterns of a request, matched against workspace-relative paths (never against the
 * filesystem). {@code *} and {@code ?} stay within a name, {@code **} spans directories, also none ({@code out/**}
 * {@code /*.csv} matches {@code out/a.csv}), {@code {a,b}} and {@code [abc]} as in {@link FileSystems#getDefault()}'s
 * glob syntax.
 */
public final class Globs {
    /** The most patterns a request may name. */
    public static final int MAX_PATTERNS = 32;
    /** The longest pattern. */
    public static final int MAX_LENGTH = 512;

    private final List<PathMatcher> matchers;

    private Globs(List<PathMatcher> matchers) {
        this.matchers = matchers;
    }

    /**
     * The patterns, checked: relative, without {@code ..}, within the count and length above, and valid glob syntax.
     *
     * @throws RequestRejectedException naming the first bad pattern
     */
    public static Globs of(List<String> patterns) throws RequestRejectedException {
        if (patterns.size() > MAX_PATTERNS) {
            throw new RequestRejectedException(RequestRejectedException.Reason.INVALID, "output_files names " + patterns.size() + " patterns; at most "
                    + MAX_PATTERNS + " are allowed");
        }
        List<PathMatcher> matchers = new ArrayList<>();
        for (String p : patterns) {
            if (p == null || p.isBlank()) {
                throw new RequestRejectedException(RequestRejectedException.Reason.INVALID, "an output_files pattern is empty");
            }
            if (p.length() > MAX_LENGTH) {
                throw new RequestRejectedException(RequestRejectedException.Reason.INVALID, "an output_files pattern is longer than " + MAX_LENGTH
                        + " characters");
            }
            if (p.startsWith("/") || p.indexOf('\0') >= 0 || List.of(p.split("/")).contains("..")) {
                throw new RequestRejectedException(RequestRejectedException.Reason.INVALID, "output_files pattern '" + p
                        + "' must be relative to the workspace, without '..'");
            }
            for (String variant : variants(p.startsWith("./") ? p.substring(2) : p)) {
                try {
                    matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + variant));
                } catch (IllegalArgumentException e) {
                    throw new RequestRejectedException(RequestRejectedException.Reason.INVALID, "output_files pattern '" + p + "' is not a valid glob: "
                            + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
        return new Globs(matchers);
    }

    /** Whether the workspace-relative {@code path} matches any pattern. */
    public boolean matches(String path) {
        Path p = Path.of(path);
        for (PathMatcher m : matchers) {
            if (m.matches(p)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return matchers.isEmpty();
    }

    /** The pattern and, for each {@code **}{@code /}, the same with that part matching no directory. */
    private static List<String> variants(String pattern) {
        List<String> out = new ArrayList<>(List.of(pattern));
        for (int i = 0; i < out.size() && out.size() < 16; i++) {
            String p = out.get(i);
            int at = p.indexOf("**/");
            while (at >= 0) {
                if (at == 0 || p.charAt(at - 1) == '/') {
                    String shorter = p.substring(0, at) + p.substring(at + 3);
                    if (!out.contains(shorter)) {
                        out.add(shorter);
                    }
                }
                at = p.indexOf("**/", at + 3);
            }
        }
        return out;
    }
}
