package io.runbox.server.api.v1;

/**
 * A compiler's or interpreter's message about a place in the program, on the wire: {@code file} as the request named
 * it, 1-based {@code line} and {@code column} (0 when the message names none), {@code severity} one of {@code error},
 * {@code warning}, {@code note}.
 */
public record NativeDiagnostic(String file, int line, int column, String severity, String message) {
}
