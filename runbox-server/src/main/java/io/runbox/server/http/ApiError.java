package io.runbox.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of every error response. */
public record ApiError(Detail error) {

    /** @param field the request field at fault, when one is */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(String code, String message, String field) {
    }

    public static ApiError of(String code, String message, String field) {
        return new ApiError(new Detail(code, message, field));
    }
}
