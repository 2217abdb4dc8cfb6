package io.runbox.server.api.piston;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Piston's execute result: {@code compile} only for compiled languages; {@code compiler} (Runbox's, after Piston's
 * fields) names the installed compiler that ran.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PistonExecuteResponse(String language, String version, PistonStage run, PistonStage compile,
                                    String compiler) {
}
