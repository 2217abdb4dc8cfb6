package io.runbox.server.http;

import java.time.Instant;

/**
 * The Wandbox-style response envelope that the catalogue paths share with that dialect:
 * {@code {data, meta: {timestamp, request_id}, status: "ok", message, success: true}}.
 */
public record Envelope<T>(T data, Meta meta, String status, String message, boolean success) {

    public record Meta(String timestamp, String request_id) {
    }

    public static <T> Envelope<T> ok(T data, String message, String requestId) {
        return new Envelope<>(data, new Meta(Instant.now().toString(), requestId), "ok", message, true);
    }
}
