package io.runbox.core.jobs;

/**
 * A job as accepted.
 *
 * @param id          unguessable id
 * @param kind        which front door accepted it (its runner knows the request's format)
 * @param owner       who submitted it (a key id; {@code null} when anonymous)
 * @param requestJson the execution request, as the front door's JSON
 * @param callbackUrl where the result is POSTed, or {@code null}
 * @param extraParams JSON passed through to the callback unchanged, or {@code null}
 * @param language    the language a node must serve to run it ({@link JobQueue#claim(String, java.time.Duration,
 *                    java.util.Collection)}), or {@code null} when any node can
 */
public record NewJob(String id, String kind, String owner, String requestJson, String callbackUrl, String extraParams,
                     String language) {

    /** A job any node can run. */
    public NewJob(String id, String kind, String owner, String requestJson, String callbackUrl, String extraParams) {
        this(id, kind, owner, requestJson, callbackUrl, extraParams, null);
    }
}
