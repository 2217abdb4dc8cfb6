package io.runbox.execution.catalogue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
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
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record InstallSpec(Tier tier, List<String> debian, List<String> npm, List<MavenArtifact> maven,
                          @com.fasterxml.jackson.annotation.JsonProperty("apt_suites") List<String> aptSuites) {
    public static final InstallSpec NONE = new InstallSpec(null, List.of(), List.of(), List.of());

    /** Packages from the host's own suites only. */
    public InstallSpec(Tier tier, List<String> debian, List<String> npm, List<MavenArtifact> maven) {
        this(tier, debian, npm, maven, null);
    }

    public InstallSpec {
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
