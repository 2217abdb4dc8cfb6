package io.runbox.sandbox;

/** The host cannot isolate programs; the message names what is missing and how to get it. */
public final class SandboxUnavailableException extends Exception {
    public SandboxUnavailableException(String message) {
        super(message);
    }

    public SandboxUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
