package io.runbox.server.http;

import io.runbox.execution.RequestRejectedException;

/** The HTTP status and error code of each reason the engine refuses a request. */
public final class RejectionMapping {
    private RejectionMapping() {
    }

    public static ApiException toApi(RequestRejectedException e) {
        return switch (e.reason()) {
            case UNKNOWN_LANGUAGE -> new ApiException(400, "unknown_language",
                    UnknownNames.withListHint(e.getMessage(), UnknownNames.LANGUAGE_LIST), "language", null);
            case VERSION_NOT_INSTALLED -> new ApiException(400, "version_not_installed", e.getMessage(), "version", null);
            case BAD_FILE_NAME -> new ApiException(422, "bad_file_name", e.getMessage(), "files", null);
            case TOO_LARGE -> new ApiException(413, "payload_too_large", e.getMessage(), null, null);
            case INVALID -> new ApiException(400, "invalid_request", e.getMessage(), null, null);
        };
    }
}
