package io.runbox.execution.session;

/** The session's interpreter is gone (memory limit, exit(), crash); the message says why. */
public final class SessionEndedException extends Exception {
    public SessionEndedException(String message) {
        super(message);
    }
}
