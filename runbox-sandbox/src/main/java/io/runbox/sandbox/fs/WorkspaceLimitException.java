package io.runbox.sandbox.fs;

import java.io.IOException;

/** A workspace holds more than an operation of the safe layer takes (entries, bytes or depth); the message says which. */
public final class WorkspaceLimitException extends IOException {
    public WorkspaceLimitException(String message) {
        super(message);
    }
}
