package io.runbox.server.config;

/**
 * The configuration cannot be used: a value that does not parse, an unknown key, a file that is not YAML. The message
 * is one line that names the key (and the {@code RUNBOX_*} variable when the value came from one) and the value, such
 * as {@code server.request_deadline: "5 parsecs" is not a duration (use 500ms, 30s, 5m, 1h)}. It is bad input, so
 * the command line answers it with exit status 2.
 */
public final class InvalidConfigException extends IllegalArgumentException {
    public InvalidConfigException(String message) {
        super(message);
    }
}
