package io.runbox.store;

import io.runbox.core.access.ApiKey;
import io.runbox.core.access.KeyType;
import io.runbox.core.cluster.Node;
import io.runbox.core.jobs.CallbackDelivery;
import io.runbox.core.jobs.Job;
import io.runbox.core.jobs.JobStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * What both backends store the same way: rows read into the SPIs' records (times as epoch milliseconds, lists
 * newline-separated).
 */
public final class Rows {
    /** The columns {@link #job} reads. */
    public static final String JOB_COLUMNS = "id, kind, owner, status, request_json, callback_url, extra_params,"
            + " result_json, error, attempts, created_at, started_at, finished_at, language";
    /** The columns {@link #key} reads, in the order the stores insert them. */
    public static final String KEY_COLUMNS = "id, name, type, plan, hash, hint, redirect_url, origins, created_at,"
            + " last_used_at, revoked_at";
    /** The columns {@link #node} reads, in the order the stores insert them. */
    public static final String NODE_COLUMNS = "id, address, version, slots, languages, started_at, heartbeat_at, state";


    private Rows() {
    }

    public static Job job(ResultSet rs) throws SQLException {
        return new Job(rs.getString("id"), rs.getString("kind"), rs.getString("owner"),
                JobStatus.fromWire(rs.getString("status")), rs.getString("request_json"), rs.getString("callback_url"),
                rs.getString("extra_params"), rs.getString("result_json"), rs.getString("error"), rs.getInt("attempts"),
                instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
                rs.getString("language"));
    }

    /** A delivery from the columns id, job_id, kind, url, body, attempts, due_at, delivery_key, in that order. */
    public static CallbackDelivery delivery(ResultSet rs) throws SQLException {
        return new CallbackDelivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getInt(6), Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8));
    }

    public static ApiKey key(ResultSet rs) throws SQLException {
        return new ApiKey(rs.getString("id"), rs.getString("name"), KeyType.fromWire(rs.getString("type")),
                rs.getString("plan"), rs.getString("hash"), rs.getString("hint"), rs.getString("redirect_url"),
                lines(rs.getString("origins")), instant(rs, "created_at"), instant(rs, "last_used_at"),
                instant(rs, "revoked_at"));
    }

    public static Node node(ResultSet rs) throws SQLException {
        return new Node(rs.getString("id"), rs.getString("address"), rs.getString("version"), rs.getInt("slots"),
                lines(rs.getString("languages")), instant(rs, "started_at"), instant(rs, "heartbeat_at"),
                rs.getString("state"));
    }

    /** {@code null} when the column is NULL. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    /** A newline-separated list as stored; empty text is the empty list. */
    public static List<String> lines(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : Arrays.asList(stored.split("\n"));
    }

}
