package io.runbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 17, through {@code ./runbox} itself: a command reuses the catalogue an earlier one probed (cached in
 * the state directory) instead of running every toolchain's version command again, and trusts no cache file that
 * others could have written.
 */
class CliStartTest {
    /** The host's own python (the default); a root image's, under {@code /opt/runbox/rootfs}, is another compiler. */
    private static final Pattern PYTHON_ENTRY = Pattern.compile("(\"tool\":\"/usr/bin/python[^\"]*\",\"stamp\":\"[^\"]*\","
            + "\"version\":\")([^\"]+)(\")");

    @Test
    void languagesReusesTheProbedCatalogueAndIgnoresACacheOthersCanWrite() throws Exception {
        Path state = Files.createTempDirectory("runbox-state");
        Map<String, String> env = Map.of("RUNBOX_STATE_DIR", state.toString(),
                "RUNBOX_DATA_DIR", Files.createTempDirectory("runbox-data").toString());

        RunboxScript.Outcome first = RunboxScript.run(env, "languages");
        assertThat(first.exit()).as(first.all()).isZero();
        assertThat(first.stdout()).contains("python");
        Path cache = onlyCacheFile(state);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rw-------");

        // The cache says python's executable answered 99.0.0: the next call believes it, so it ran no version command.
        String probed = Files.readString(cache);
        Matcher python = PYTHON_ENTRY.matcher(probed);
        assertThat(python.find()).as(probed).isTrue();
        String realVersion = python.group(2);
        Files.writeString(cache, python.replaceFirst("$199.0.0$3"));
        RunboxScript.Outcome reused = RunboxScript.run(env, "languages");
        assertThat(reused.stdout()).as(reused.all()).contains("python-99.0").contains("99.0.0");
        assertThat(reused.stdout().replace("python-99.0", "").replace("99.0.0", ""))
                .isEqualTo(first.stdout().replace(pythonId(first.stdout()), "").replace(realVersion, ""));

        // The same file, writable by others, is not trusted: python is probed again and the file replaced.
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rw-rw-rw-"));
        RunboxScript.Outcome distrusted = RunboxScript.run(env, "languages");
        assertThat(distrusted.stdout()).as(distrusted.all()).isEqualTo(first.stdout()).doesNotContain("99.0.0");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rw-------");
    }

    private static String pythonId(String languages) {
        Matcher m = Pattern.compile("python-\\d+\\.\\d+").matcher(languages);
        assertThat(m.find()).as(languages).isTrue();
        return m.group();
    }

    private static Path onlyCacheFile(Path state) throws Exception {
        try (Stream<Path> files = Files.list(state)) {
            List<Path> caches = files.filter(p -> p.getFileName().toString().startsWith("catalogue-")).toList();
            assertThat(caches).hasSize(1);
            return caches.getFirst();
        }
    }
}
