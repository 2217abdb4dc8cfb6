package io.runbox.core.jobs;

import java.util.Locale;

/** Where a job is in its life. {@code DONE} means it ran (whatever the program did); {@code FAILED} means it could not. */
public enum JobStatus {
    QUEUED, RUNNING, DONE, FAILED;

    /** The lower-case name used on the wire and in the store. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
