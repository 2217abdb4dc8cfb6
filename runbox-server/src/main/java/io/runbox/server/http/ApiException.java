package io.runbox.server.http;

/**
 * A request the server refuses, with the HTTP status and machine-readable code the client gets. Thrown
 * anywhere in a handler; {@link ErrorHandling} turns it into {@code {error: {code, message, field?}}}.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;
    private final Integer retryAfterSeconds;

    public ApiException(int status, String code, String message, String field, Integer retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException badRequest(String code, String message, String field) {
        return new ApiException(400, code, message, field, null);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message, null, null);
    }

    public static ApiException busy(String message, int retryAfterSeconds) {
        return new ApiException(429, "too_many_requests", message, null, retryAfterSeconds);
    }

    /** The store did not answer (the database restarts or is out of reach); nothing of the request was kept. */
    public static ApiException storeUnavailable() {
        return new ApiException(503, "store_unavailable", "the database is unavailable; nothing of this request was"
                + " kept: try again shortly", null, 5);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, "unavailable", message, null, 5);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
