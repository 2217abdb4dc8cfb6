package io.runbox.server.api.piston;

/**
 * A stage as Piston reports it: {@code signal} is a name ({@code SIGKILL}); {@code status} is Piston's code
 * ({@code RE} runtime error, {@code SG} killed by a signal, {@code TO} timed out, {@code OL} output limit,
 * {@code XX} internal error) or {@code null} when it ran fine; {@code memory} in bytes, times in ms.
 */
public record PistonStage(String stdout, String stderr, String output, int code, String signal, String message,
                          String status, long cpu_time, long wall_time, long memory) {
}
