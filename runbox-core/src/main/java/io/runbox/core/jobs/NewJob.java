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
 */
public record NewJob(String id, String kind, String owner, String requestJson, String callbackUrl, String extraParams) {
}
