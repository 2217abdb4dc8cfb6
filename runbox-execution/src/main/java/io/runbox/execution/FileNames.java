package io.runbox.execution;

import io.runbox.execution.RequestRejectedException.Reason;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates the names of a request's files before anything is written: relative, normalised, no {@code ..}
 * or {@code .} segments, no empty segments, no control characters or backslashes, at most 255 bytes a
 * segment and 16 levels, no duplicates. Files are created fresh without following links, so a name cannot
 * point outside the workspace.
 */
public final class FileNames {
    private static final int MAX_DEPTH = 16;
    private static final int MAX_SEGMENT = 255;

    private FileNames() {
    }

    public static void validate(List<String> names) throws RequestRejectedException {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            validate(name);
            if (!seen.add(name)) {
                throw new RequestRejectedException(Reason.BAD_FILE_NAME, "duplicate file name '" + name + "'");
            }
        }
    }

    public static void validate(String name) throws RequestRejectedException {
        if (name == null || name.isEmpty()) {
            throw bad(name, "is empty");
        }
        if (name.startsWith("/")) {
            throw bad(name, "is absolute");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw bad(name, "contains a control character or backslash");
            }
        }
        String[] segments = name.split("/", -1);
        if (segments.length > MAX_DEPTH) {
            throw bad(name, "is nested deeper than " + MAX_DEPTH + " levels");
        }
        for (String s : segments) {
            if (s.isEmpty()) {
                throw bad(name, "has an empty path segment");
            }
            if (s.equals("..") || s.equals(".")) {
                throw bad(name, "contains '" + s + "'");
            }
            if (s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SEGMENT) {
                throw bad(name, "has a segment longer than " + MAX_SEGMENT + " bytes");
            }
        }
    }

    private static RequestRejectedException bad(String name, String why) {
        return new RequestRejectedException(Reason.BAD_FILE_NAME, "file name '" + name + "' " + why);
    }
}
