package io.runbox.server.api.piston;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Piston's execute result: {@code compile} only for compiled languages. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PistonExecuteResponse(String language, String version, PistonStage run, PistonStage compile) {
}
