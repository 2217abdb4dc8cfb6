package io.runbox.sandbox;

import java.io.IOException;

/**
 * A box failed before its program started: a warm box whose release failed or which died while it waited, or a
 * box whose launcher or bwrap's own setup failed. The program never ran, so when {@link #commandUntouched()} the
 * run may be started again in another box.
 */
final class BoxNotStartedException extends IOException {
    private final boolean commandUntouched;

    BoxNotStartedException(String message, Throwable cause, boolean commandUntouched) {
        super(message, cause);
        this.commandUntouched = commandUntouched;
    }

    /** Nothing of the command (its live input, its output callbacks) was used. */
    boolean commandUntouched() {
        return commandUntouched;
    }
}
