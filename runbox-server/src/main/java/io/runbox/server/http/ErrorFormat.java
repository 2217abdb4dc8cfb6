package io.runbox.server.http;

import io.javalin.http.Context;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * How a front door spells an error: a dialect keeps its own envelope for its own paths (Wandbox-style
 * {@code success: false}, Piston's {@code {message}}, ...). The status code is always the fitting one.
 *
 * @param paths  the request paths this format answers for
 * @param writer writes the body (and any header) for an error
 */
public record ErrorFormat(Predicate<String> paths, BiConsumer<Context, ApiException> writer) {

    /** The native format, {@code {error: {code, message, field?}}}, for every path no dialect claims. */
    public static final ErrorFormat NATIVE = new ErrorFormat(p -> true,
            (ctx, e) -> ctx.json(ApiError.of(e.code(), e.getMessage(), e.field())));

    /** A format for paths starting with any of {@code prefixes}. */
    public static ErrorFormat forPrefixes(BiConsumer<Context, ApiException> writer, String... prefixes) {
        return new ErrorFormat(path -> {
            for (String p : prefixes) {
                if (path.startsWith(p)) {
                    return true;
                }
            }
            return false;
        }, writer);
    }
}
