package io.runbox.store;

import io.runbox.core.jobs.Job;
import io.runbox.core.jobs.JobQueue;
import io.runbox.core.jobs.JobStatus;
import io.runbox.core.jobs.NewJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * {@link JobQueue} on either backend. Times are epoch milliseconds. A claim takes the oldest queued job it may run,
 * passing over rows another transaction holds ({@link Dialect#claim}), so concurrent claims take different jobs.
 * Whenever jobs become queued (an enqueue, a release, a recovery) the queue tells idle workers through
 * {@link Queued}, inside that transaction.
 */
public class SqlJobQueue implements JobQueue {
    private static final String COLUMNS = Rows.JOB_COLUMNS;

    private final Transactions db;
    private final Dialect dialect;
    private final Clock clock;
    private final Queued queued;

    public SqlJobQueue(Transactions db, Dialect dialect, Clock clock, Queued queued) {
        this.db = db;
        this.dialect = dialect;
        this.clock = clock;
        this.queued = queued;
    }

    /** How a queue tells idle workers that jobs were queued: they are there to claim once the transaction commits. */
    @FunctionalInterface
    public interface Queued {
        void tell(Connection c) throws SQLException;
    }

    @Override
    public void enqueue(NewJob job) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO jobs (id, kind, owner, status, request_json,"
                    + " callback_url, extra_params, language, created_at) VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?)")) {
                bind(s, job);
                s.setLong(8, clock.millis());
                s.executeUpdate();
            }
            queued.tell(c);
            return null;
        });
    }

    /** Sets parameters 1 to 7 to the job's id, kind, owner, request, callback URL, extra parameters and language. */
    private static void bind(PreparedStatement s, NewJob job) throws SQLException {
        s.setString(1, job.id());
        s.setString(2, job.kind());
        s.setString(3, job.owner());
        s.setString(4, job.requestJson());
        s.setString(5, job.callbackUrl());
        s.setString(6, job.extraParams());
        s.setString(7, job.language());
    }

    @Override
    public Optional<Job> claim(String worker, Duration lease) {
        return claim(worker, lease, "", List.of());
    }

    @Override
    public Optional<Job> claim(String worker, Duration lease, Collection<String> languages) {
        if (languages.isEmpty()) {
            return claim(worker, lease, " AND language IS NULL", List.of());
        }
        String placeholders = String.join(", ", Collections.nCopies(languages.size(), "?"));
        return claim(worker, lease, " AND (language IS NULL OR language IN (" + placeholders + "))",
                List.copyOf(languages));
    }

    /** Claims the oldest queued job that also meets {@code condition}, whose parameters are {@code languages}. */
    private Optional<Job> claim(String worker, Duration lease, String condition, List<String> languages) {
        long now = clock.millis();
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET status = 'running', worker = ?,"
                    + " lease_until = ?, started_at = ?, attempts = attempts + 1"
                    + " WHERE id = (SELECT id FROM jobs WHERE status = 'queued'" + condition
                    + " ORDER BY created_at, " + dialect.insertionOrder() + " LIMIT 1" + dialect.claim("jobs")
                    + ") RETURNING " + COLUMNS)) {
                s.setString(1, worker);
                s.setLong(2, now + lease.toMillis());
                s.setLong(3, now);
                for (int i = 0; i < languages.size(); i++) {
                    s.setString(4 + i, languages.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(Rows.job(rs)) : Optional.<Job>empty();
                }
            }
        });
    }

    @Override
    public boolean renew(Job claimed, Duration lease) {
        long now = clock.millis();
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET lease_until = ?"
                    + " WHERE id = ? AND status = 'running' AND attempts = ?")) {
                s.setLong(1, now + lease.toMillis());
                s.setString(2, claimed.id());
                s.setInt(3, claimed.attempts());
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean complete(Job claimed, String resultJson, String callbackBody) {
        return finish(claimed, JobStatus.DONE, resultJson, null, callbackBody);
    }

    @Override
    public boolean fail(Job claimed, String reason, String callbackBody) {
        return finish(claimed, JobStatus.FAILED, null, reason, callbackBody);
    }

    /** The job's end and its callback in one transaction; the claim's attempt number fences a stale worker. */
    private boolean finish(Job claimed, JobStatus status, String result, String error, String callbackBody) {
        long now = clock.millis();
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET status = ?, result_json = ?, error = ?,"
                    + " finished_at = ?, worker = NULL, lease_until = NULL"
                    + " WHERE id = ? AND status = 'running' AND attempts = ?")) {
                s.setString(1, status.wire());
                s.setString(2, result);
                s.setString(3, error);
                s.setLong(4, now);
                s.setString(5, claimed.id());
                s.setInt(6, claimed.attempts());
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            if (callbackBody != null) {
                SqlCallbackOutbox.schedule(c, claimed.id(), callbackBody, now);
            }
            return true;
        });
    }

    @Override
    public void record(NewJob job, String resultJson, String callbackBody) {
        long now = clock.millis();
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO jobs (id, kind, owner, status, request_json,"
                    + " callback_url, extra_params, language, result_json, attempts, created_at, started_at,"
                    + " finished_at) VALUES (?, ?, ?, 'done', ?, ?, ?, ?, ?, 1, ?, ?, ?)")) {
                bind(s, job);
                s.setString(8, resultJson);
                s.setLong(9, now);
                s.setLong(10, now);
                s.setLong(11, now);
                s.executeUpdate();
            }
            if (callbackBody != null) {
                SqlCallbackOutbox.schedule(c, job.id(), callbackBody, now);
            }
            return null;
        });
    }

    /** Locks the job's row first, so a delete and a concurrent end of the same job take turns. */
    @Override
    public boolean delete(String id) {
        return db.transaction(c -> {
            try (PreparedStatement ended = c.prepareStatement("SELECT 1 FROM jobs WHERE id = ?"
                    + " AND status IN ('done', 'failed')" + dialect.forUpdate("jobs"))) {
                ended.setString(1, id);
                try (ResultSet rs = ended.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM callbacks WHERE job_id = ?")) {
                s.setString(1, id);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM jobs WHERE id = ?")) {
                s.setString(1, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<Job> find(String id) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM jobs WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(Rows.job(rs)) : Optional.<Job>empty();
                }
            }
        });
    }

    @Override
    public boolean release(Job claimed) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET status = 'queued', worker = NULL,"
                    + " lease_until = NULL, started_at = NULL WHERE id = ? AND status = 'running' AND attempts = ?")) {
                s.setString(1, claimed.id());
                s.setInt(2, claimed.attempts());
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            queued.tell(c);
            return true;
        });
    }

    @Override
    public int recover(boolean everyRunning) {
        long now = clock.millis();
        return db.transaction(c -> {
            int requeued;
            try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET status = 'queued', worker = NULL,"
                    + " lease_until = NULL, started_at = NULL WHERE status = 'running'"
                    + (everyRunning ? "" : " AND lease_until < ?"))) {
                if (!everyRunning) {
                    s.setLong(1, now);
                }
                requeued = s.executeUpdate();
            }
            if (requeued > 0) {
                queued.tell(c);
            }
            return requeued;
        });
    }

    @Override
    public long queued() {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM jobs WHERE status = 'queued'");
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
