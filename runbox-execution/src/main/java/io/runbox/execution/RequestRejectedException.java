package io.runbox.execution;

/**
 * The request cannot be run as asked; nothing ran. The message is meant for the caller, and the reason
 * tells a front door which status fits.
 */
public final class RequestRejectedException extends Exception {

    /** Why a request was refused. */
    public enum Reason {
        /** No installed language has that id or alias. */
        UNKNOWN_LANGUAGE,
        /** The language is installed, but no version matches the selector. */
        VERSION_NOT_INSTALLED,
        /** A file name is absolute, climbs out with {@code ..}, or is otherwise unusable. */
        BAD_FILE_NAME,
        /** Code, a file or stdin is over its size limit. */
        TOO_LARGE,
        /** The request itself is malformed (no files, bad limit values). */
        INVALID
    }

    private final Reason reason;

    public RequestRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
