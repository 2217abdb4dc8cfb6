package io.runbox.core.jobs;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Deliveries of results to callback URLs, kept until they succeed or are given up, so that a crash
 * between a job's end and its delivery loses nothing. A delivery is scheduled only together with the end
 * of its job ({@link JobQueue#complete}, {@link JobQueue#fail}), in one transaction.
 */
public interface CallbackOutbox {

    /** Pending deliveries due at or before {@code now}, oldest first, at most {@code max}. */
    List<CallbackDelivery> due(Instant now, int max);

    /**
     * Makes pending deliveries due at {@code until} without counting a try, in one transaction: they are being
     * tried now (so each is due again only if its try never reports), or their receiver is busy.
     */
    void postpone(Collection<Long> ids, Instant until);

    /**
     * The pending deliveries due at or before {@code now}, oldest first, at most {@code max} (as {@link #due}, with
     * the due times they had), each made due at {@code until} in the same transaction: the caller tries them now.
     * Until {@code until} has passed, no other caller, in this process or another on the same database, gets any of
     * them; callers do not wait for each other.
     */
    List<CallbackDelivery> claim(Instant now, int max, Instant until);

    /** The receiver accepted it. */
    void delivered(long id);

    /** It failed; try again at {@code next}. */
    void retryAt(long id, Instant next, String error);

    /** It failed for the last time. */
    void giveUp(long id, String error);

    /** The delivery of a job's result, if any (for tests and status pages). */
    java.util.Optional<String> state(String jobId);
}
