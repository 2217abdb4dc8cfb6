package io.runbox.server;

import io.runbox.execution.ExecutionConfig;
import io.runbox.execution.catalogue.Catalogue;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.execution.catalogue.InstalledLanguage;
import java.util.Comparator;

/**
 * The toolchains installed on this host, as the catalogue a test server serves finds them: tests ask here for
 * compiler ids instead of writing down the versions one machine happens to have. Probed once per JVM.
 */
public final class Toolchains {
    private static Catalogue catalogue;

    private Toolchains() {
    }

    /** The catalogue of this host's {@code languages/}, probed as a test server probes it. */
    public static synchronized Catalogue catalogue() {
        if (catalogue == null) {
            ExecutionConfig config = ExecutionConfig.defaults(TestServer.home());
            try {
                catalogue = Catalogue.probe(config.languagesDir(), config.prefix());
            } catch (Exception e) {
                throw new IllegalStateException("cannot probe the toolchains: " + e.getMessage(), e);
            }
        }
        return catalogue;
    }

    /** The compiler a request for {@code language} without a version runs with. */
    public static Compiler defaultOf(String language) {
        return installed(language).defaultCompiler();
    }

    /** The id of {@link #defaultOf}, such as {@code python-3.11}. */
    public static String defaultId(String language) {
        return defaultOf(language).id();
    }

    /** The oldest installed compiler of {@code language}; the default itself when only one is installed. */
    public static Compiler oldestOf(String language) {
        return installed(language).compilers().stream().min(Comparator.comparing(Compiler::version)).orElseThrow();
    }

    /** A well-formed compiler id of {@code language} that no host installs (its default's major version plus 100). */
    public static String notInstalledId(String language) {
        Compiler c = defaultOf(language);
        return c.id().substring(0, c.id().lastIndexOf('-') + 1) + (c.version().major() + 100);
    }

    private static InstalledLanguage installed(String language) {
        return catalogue().find(language).orElseThrow(() -> new IllegalStateException(language + " is not installed"));
    }
}
