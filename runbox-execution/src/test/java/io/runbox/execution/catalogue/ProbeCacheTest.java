package io.runbox.execution.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 17: a catalogue probed again reuses the versions read before, for exactly the toolchains that did not
 * change; a changed executable or {@code language.yaml} is probed again, and a cache file that is corrupt, hostile
 * or not private is never trusted.
 */
class ProbeCacheTest {
    private Path dir;
    private Path languages;
    private Path bin;
    private Path calls;
    private Path cacheFile;

    @BeforeEach
    void toolchains() throws Exception {
        dir = Files.createTempDirectory("runbox-probe-cache");
        languages = Files.createDirectory(dir.resolve("languages"));
        bin = Files.createDirectory(dir.resolve("bin"));
        calls = dir.resolve("calls");
        Files.writeString(calls, "");
        tool("cached-1", "1.2.3");
        tool("cached-2", "2.0.1");
        definition("cached-{major}");
        cacheFile = ProbeCache.fileIn(dir.resolve("state"), languages, dir);
    }

    /** A toolchain whose version command notes each call in {@link #calls}. */
    private Path tool(String name, String version) throws Exception {
        Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/sh\necho x >> " + calls + "\necho 'Cached " + version + "'\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }

    private void definition(String compilerId) throws Exception {
        Path yaml = languages.resolve("cached/language.yaml");
        Files.createDirectories(yaml.getParent());
        Files.writeString(yaml, """
                id: cached
                name: Cached
                extensions: [cached]
                source_file: main.cached
                toolchain:
                  discover: %s/cached-*
                  version_command: ["{tool}", "--version"]
                  version_regex: 'Cached (\\d+\\.\\d+\\.\\d+)'
                  compiler_id: %s
                run: ["{tool}", "{file}"]
                """.formatted(bin, compilerId));
    }

    private List<String> probe() throws Exception {
        return Catalogue.probe(languages, dir, ProbeCache.at(cacheFile)).compilers().stream()
                .map(c -> c.id() + "=" + c.version() + "@" + c.tool().getFileName()).toList();
    }

    private int versionCommandsRun() throws Exception {
        return (int) Files.readString(calls).lines().count();
    }

    @Test
    void aSecondProbeRunsNoVersionCommandAndFindsTheSame() throws Exception {
        List<String> first = probe();
        assertThat(first).containsExactly("cached-2=2.0.1@cached-2", "cached-1=1.2.3@cached-1");
        assertThat(versionCommandsRun()).isEqualTo(2);
        assertThat(Files.exists(cacheFile)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheFile))).isEqualTo("rw-------");

        assertThat(probe()).isEqualTo(first);
        assertThat(versionCommandsRun()).isEqualTo(2);
    }

    @Test
    void aChangedExecutableANewOneOrAChangedDefinitionIsProbedAgain() throws Exception {
        probe();
        Path changed = tool("cached-1", "1.4.0");
        Files.setLastModifiedTime(changed, FileTime.from(Instant.now().plusSeconds(5)));
        tool("cached-3", "3.0.0");
        assertThat(probe()).containsExactly("cached-3=3.0.0@cached-3", "cached-2=2.0.1@cached-2",
                "cached-1=1.4.0@cached-1");
        assertThat(versionCommandsRun()).as("only cached-1 and the new cached-3").isEqualTo(4);

        Files.delete(bin.resolve("cached-3"));
        assertThat(probe()).containsExactly("cached-2=2.0.1@cached-2", "cached-1=1.4.0@cached-1");
        assertThat(versionCommandsRun()).isEqualTo(4);

        definition("cached-{major}.{minor}");
        assertThat(probe()).containsExactly("cached-2.0=2.0.1@cached-2", "cached-1.4=1.4.0@cached-1");
        assertThat(versionCommandsRun()).as("a changed language.yaml probes all again").isEqualTo(6);
    }

    @Test
    void aCorruptOrForeignCacheIsIgnoredAndReplaced() throws Exception {
        Files.createDirectories(cacheFile.getParent());
        Files.writeString(cacheFile, "{\"format\": 1, \"entries\": [ not json");
        Files.setPosixFilePermissions(cacheFile, PosixFilePermissions.fromString("rw-------"));
        assertThat(probe()).hasSize(2);
        assertThat(versionCommandsRun()).isEqualTo(2);
        assertThat(probe()).hasSize(2);
        assertThat(versionCommandsRun()).as("the corrupt file was replaced by a good one").isEqualTo(2);

        // Every entry claims another version, and one names a path the definition does not discover.
        String good = Files.readString(cacheFile);
        String forged = good.replace("\"2.0.1\"", "\"9.9.9\"").replace("\"1.2.3\"", "\"8.8.8\"")
                .replace("\"entries\":[", "\"entries\":[{\"definition\":\"x\",\"tool\":\"/bin/sh\",\"stamp\":\"x\","
                        + "\"version\":\"7.0.0\"},");
        assertThat(forged).contains("9.9.9").contains("/bin/sh");

        // Writable by others: not trusted, whatever it says.
        Files.writeString(cacheFile, forged);
        Files.setPosixFilePermissions(cacheFile, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(probe()).containsExactly("cached-2=2.0.1@cached-2", "cached-1=1.2.3@cached-1");
        assertThat(versionCommandsRun()).isEqualTo(4);

        // A symbolic link to a private file saying the same: not followed.
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.json"), forged);
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rw-------"));
        Files.delete(cacheFile);
        Files.createSymbolicLink(cacheFile, elsewhere);
        assertThat(probe()).containsExactly("cached-2=2.0.1@cached-2", "cached-1=1.2.3@cached-1");
        assertThat(versionCommandsRun()).isEqualTo(6);
        assertThat(Files.isSymbolicLink(cacheFile)).as("replaced by a file of its own").isFalse();
        assertThat(Files.readString(elsewhere)).isEqualTo(forged);

        // A private file of ours that names a path outside what language.yaml discovers adds nothing.
        Files.writeString(cacheFile, forged.replace("9.9.9", "2.0.1").replace("8.8.8", "1.2.3"));
        assertThat(probe()).containsExactly("cached-2=2.0.1@cached-2", "cached-1=1.2.3@cached-1");
        assertThat(versionCommandsRun()).isEqualTo(6);
    }
}
