package io.runbox.execution.catalogue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * How a language's toolchains are installed ({@code install:} in {@code language.yaml}), and in which set.
 *
 * @param tier   the smallest set that installs it: {@code default} ({@code ./runbox setup}), {@code popular}
 *               ({@code ./runbox languages install --set popular}) or {@code extra} (only {@code --set all}, or by
 *               name); absent means {@code extra}
 * @param debian Debian packages from the host's own apt sources
 * @param npm    npm package specs installed into {@code {prefix}/npm}; pin exact versions, and give each version
 *               of one package a name of its own ({@code typescript-4@npm:typescript@4.9.5})
 * @param maven  Maven Central artifacts, each installed with its runtime dependencies into a folder of its own
 * @param aptSuites Debian suites of the host's release beyond its own that {@code debian} comes from
 *               ({@code bookworm-backports}): the installer adds each as an apt source of Debian's archive when the
 *               host has none, and installs from it
 * @param prepare  a command run on the host once the packages are in, or {@code null}
 * @param libraries libraries the language's programs import, by name ({@code scientific}), each installed with the
 *               language as a recipe of its own ({@code python@scientific}) in its own tier, which an operator can
 *               leave out ({@code ./runbox setup --without python@scientific}); only in a language's own
 *               {@code install}
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record InstallSpec(Tier tier, List<String> debian, List<String> npm, List<MavenArtifact> maven,
                          @com.fasterxml.jackson.annotation.JsonProperty("apt_suites") List<String> aptSuites,
                          Prepare prepare, Map<String, InstallSpec> libraries) {
    public static final InstallSpec NONE = new InstallSpec(null, List.of(), List.of(), List.of());

    /** Packages from the host's own suites only. */
    public InstallSpec(Tier tier, List<String> debian, List<String> npm, List<MavenArtifact> maven) {
        this(tier, debian, npm, maven, null);
    }

    /** Packages, nothing to prepare, no libraries. */
    public InstallSpec(Tier tier, List<String> debian, List<String> npm, List<MavenArtifact> maven,
                       List<String> aptSuites) {
        this(tier, debian, npm, maven, aptSuites, null, null);
    }

    public InstallSpec {
        libraries = libraries == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(libraries));
        for (Map.Entry<String, InstallSpec> e : libraries.entrySet()) {
            if (!e.getKey().matches("[a-z][a-z0-9-]{0,40}") || !e.getValue().libraries().isEmpty()) {
                throw new IllegalArgumentException("library '" + e.getKey() + "' must be a lowercase name, with no"
                        + " libraries of its own");
            }
        }
        aptSuites = aptSuites == null ? List.of() : List.copyOf(aptSuites);
        for (String suite : aptSuites) {
            if (!suite.matches("[a-z][a-z0-9-]{0,40}")) {
                throw new IllegalArgumentException("apt suite '" + suite + "' is not a Debian suite name");
            }
        }
        tier = tier == null ? Tier.EXTRA : tier;
        debian = debian == null ? List.of() : List.copyOf(debian);
        npm = npm == null ? List.of() : List.copyOf(npm);
        maven = maven == null ? List.of() : List.copyOf(maven);
    }

    /**
     * A command the installer runs on the host after a recipe's packages, for what they need made once (a cache), and
     * the path it leaves when it succeeded, which tells the installer it has run. Both are templates of
     * {@code {prefix}} (Runbox's toolchain prefix) and {@code {dir}} (the language's folder); the command runs as
     * root, in the language's folder, and should make {@code creates} last and whole (built beside it, then renamed).
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Prepare(List<String> command, String creates) {
        public Prepare {
            if (command == null || command.isEmpty() || creates == null || creates.isBlank()) {
                throw new IllegalArgumentException("prepare needs a command and the path it creates");
            }
            command = List.copyOf(command);
        }
    }

    /** The installation sets, each containing the ones before it. */
    public enum Tier {
        DEFAULT, POPULAR, EXTRA;

        @JsonCreator
        static Tier of(String value) {
            for (Tier t : values()) {
                if (t.yamlName().equals(value)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("install tier '" + value + "' is not one of default, popular, extra");
        }

        @JsonValue
        String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One artifact from Maven Central with its runtime dependencies, installed into
     * {@code {prefix}/maven/<artifactId>-<version>/lib/*.jar}, plus a launcher
     * {@code {prefix}/maven/<artifactId>-<version>/bin/<launcher>}: a shell script that runs {@code main} on
     * {@code /usr/bin/java} with those jars, adding {@code $RUNBOX_JAVA_OPTS} to the JVM's options.
     *
     * @param artifact {@code groupId:artifactId:version}, an exact version
     * @param main     the main class the launcher runs
     * @param launcher the launcher's file name, such as {@code kotlinc}
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record MavenArtifact(String artifact, String main, String launcher) {
    }
}
