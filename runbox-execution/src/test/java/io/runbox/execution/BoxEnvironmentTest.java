package io.runbox.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.execution.catalogue.Compiler;
import io.runbox.execution.catalogue.LanguageDefinition;
import io.runbox.execution.catalogue.LanguageLoader;
import io.runbox.execution.catalogue.Version;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A language's own paths follow the toolchain a request runs, not the version the definition was written for. */
class BoxEnvironmentTest {
    private static Compiler compiler(String language, String version, String tool) throws Exception {
        LanguageDefinition def = LanguageLoader.load(TestRunner.home().resolve("languages/" + language + "/language.yaml"));
        return new Compiler(language + "-" + version, Version.parse(version), Path.of(tool), def);
    }

    @Test
    void versionedEtcEntriesNameTheToolchainsVersion() throws Exception {
        Path prefix = Path.of("/opt/runbox");
        assertThat(BoxEnvironment.paths(compiler("python", "3.13.1", "/usr/bin/python3.13"), prefix))
                .containsExactly("/etc/python3", "/etc/python3.13", "/etc/matplotlibrc", "/opt/runbox/python");
        assertThat(BoxEnvironment.paths(compiler("java", "21.0.4", "/usr/lib/jvm/java-21-openjdk-amd64/bin/javac"),
                prefix)).containsExactly("/etc/java-21-openjdk");
        assertThat(BoxEnvironment.paths(compiler("php", "8.4.2", "/usr/bin/php8.4"), prefix))
                .containsExactly("/etc/php/8.4");
        assertThat(BoxEnvironment.paths(compiler("typescript", "5.6.2", "/opt/runbox/npm/bin/tsc"), prefix))
                .containsExactly("/opt/runbox");
    }

    @Test
    void theEnvironmentNamesTheLanguagesFolderAndThePrefix() throws Exception {
        LanguageDefinition python = compiler("python", "3.11.2", "/usr/bin/python3.11").language();
        assertThat(BoxEnvironment.env(python, Path.of("/srv/runbox")))
                .containsEntry("PYTHONPATH", "/srv/runbox/python/scientific/box")
                .containsEntry("RUNBOX_MPL_FONTCACHE", "/srv/runbox/python/scientific/matplotlib")
                .containsEntry("MPLCONFIGDIR", "/tmp/.matplotlib")
                .containsEntry("HOME", "/tmp");
    }
}
