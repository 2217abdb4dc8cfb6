package io.runbox.server.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The one rule for secrets an operator sets ({@code access.admin_token}, {@code callbacks.secret},
 * {@code cluster.secret}): absent (Runbox generates one), or at least {@value #MIN_LENGTH} characters that are not a placeholder copied from an example
 * ({@code ...}, {@code changeme}, {@code secret}, {@code CHANGE_ME}, {@code <your token>}, {@code ${TOKEN}},
 * {@code xxxxxxxx...}). Anything else stops the start with one line naming the key; a short value is never echoed.
 */
final class SecretRules {
    static final int MIN_LENGTH = 24;
    /** Words an example puts where a secret goes, compared without case, spaces, dashes and underscores. */
    private static final Set<String> PLACEHOLDER_WORDS = Set.of("changeme", "changethis", "replaceme", "secret",
            "password", "token", "admintoken", "yourtoken", "youradmintoken", "yoursecret", "mysecret", "example",
            "placeholder", "todo", "fixme", "none", "null", "default");

    private SecretRules() {
    }

    /** The secrets of {@code config}, by YAML key. */
    private static final Map<String, Function<RunboxConfig, String>> SECRETS = Map.of(
            "access.admin_token", c -> c.access().adminToken(),
            "callbacks.secret", c -> c.callbacks().secret(),
            "cluster.secret", c -> c.cluster().secret());

    /**
     * @param file            the file read, or {@code null}
     * @param fromEnvironment YAML key to the {@code RUNBOX_*} variable that set it
     * @throws InvalidConfigException naming the first secret that is too short or a placeholder
     */
    static void check(RunboxConfig config, Path file, Map<String, String> fromEnvironment) {
        for (String key : SECRETS.keySet().stream().sorted().toList()) {
            String value = SECRETS.get(key).apply(config);
            if (value == null || value.isEmpty()) {
                continue;
            }
            String variable = fromEnvironment.get(key);
            String where = variable != null ? variable + " (" + key + ")" : key + (file == null ? "" : " in " + file);
            String fix = "set at least " + MIN_LENGTH + " random characters (openssl rand -hex 24), or leave it out"
                    + " and Runbox generates one";
            if (isPlaceholder(value)) {
                throw new InvalidConfigException(where + " is the placeholder \"" + value.strip() + "\", not a secret: "
                        + fix);
            }
            if (value.strip().length() < MIN_LENGTH) {
                throw new InvalidConfigException(where + " is " + value.strip().length() + " characters, too short for a"
                        + " secret: " + fix);
            }
        }
    }

    /** Whether {@code value} is what an example puts where a secret goes, whatever its length. */
    static boolean isPlaceholder(String value) {
        String v = value.strip();
        if (v.isEmpty() || v.equals("…")) {
            return true;
        }
        if ((v.startsWith("<") && v.endsWith(">")) || (v.startsWith("${") && v.endsWith("}"))
                || (v.startsWith("{{") && v.endsWith("}}")) || (v.startsWith("[") && v.endsWith("]"))) {
            return true;
        }
        String word = v.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-.]", "");
        if (word.isEmpty() || PLACEHOLDER_WORDS.contains(word) || word.contains("changeme") || word.contains("replaceme")
                || word.startsWith("your")) {
            return true;
        }
        // "........", "xxxxxxxx", "********", "aaaa...": one or two characters repeated.
        return v.chars().distinct().count() <= 2;
    }
}
