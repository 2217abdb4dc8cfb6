package io.runbox.server.api.piston;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One entry of {@code GET /api/v2/runtimes}; {@code runtime} names the toolchain when it differs from the language. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PistonRuntime(String language, String version, List<String> aliases, String runtime) {
}
