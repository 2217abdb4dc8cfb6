package io.runbox.server.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runbox.execution.catalogue.InstallSpec;
import io.runbox.execution.catalogue.LanguageDefinition;
import io.runbox.execution.catalogue.LanguageLoader;
import io.runbox.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a command line names of the recipes, and the installer's steps run for real: npm from local packages and
 * Maven from this machine's local repository, both offline (tests send nothing beyond loopback), into a prefix of
 * the test's own.
 */
class InstallerTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private static List<Recipe> shipped() throws Exception {
        return Recipe.of(LanguageLoader.loadAll(TestServer.home().resolve("languages")));
    }

    @Test
    void anUnknownNameSaysWhatWasMeantAndAnUnknownVersionWhatTheLanguageOffers() throws Exception {
        List<Recipe> all = shipped();
        assertThatThrownBy(() -> Selection.named(all, List.of("pyton")))
                .hasMessageContaining("unknown language 'pyton'; did you mean 'python'?");
        assertThatThrownBy(() -> Selection.named(all, List.of("c@clang-99")))
                .hasMessageContaining("c has no toolchain or version 'clang-99'; it offers: gcc (gcc); gcc/trixie (gcc-13, gcc-14,")
                .hasMessageContaining("; clang (clang-13, clang-14, clang-15, clang-16); clang/trixie (clang-17,");
        assertThatThrownBy(() -> Selection.set(all, "sometimes")).hasMessageContaining("use default, popular or all");
    }

    @Test
    void aNameTakesAllKindsOfItsLanguageAKindOrAVersionOnlyThatAndASetItsTiers() throws Exception {
        List<Recipe> all = shipped();
        assertThat(Selection.named(all, List.of("c"))).extracting(Recipe::kind)
                .containsExactly("gcc", "gcc/trixie", "gcc/sid", "clang", "clang/trixie", "clang/sid");
        assertThat(Selection.named(all, List.of("gcc@clang"))).extracting(Recipe::kind).containsExactly("clang");
        assertThat(Selection.named(all, List.of("c@sid"))).extracting(Recipe::kind).containsExactly("gcc/sid", "clang/sid");
        assertThat(Selection.named(all, List.of("c@clang/sid"))).extracting(Recipe::kind).containsExactly("clang/sid");
        assertThat(Selection.named(all, List.of("c@clang-16"))).singleElement()
                .satisfies(r -> assertThat(r.items()).containsExactly("clang-16"));
        assertThat(Selection.named(all, List.of("go@1.22"))).singleElement()
                .satisfies(r -> assertThat(r.items()).containsExactly("golang-1.22-go"));
        assertThat(Selection.named(all, List.of("kotlin@2.4.21"))).singleElement()
                .satisfies(r -> assertThat(r.items()).containsExactly("org.jetbrains.kotlin:kotlin-compiler-embeddable:2.4.21"));
        assertThat(Selection.set(all, "default")).allMatch(r -> r.spec().tier() == InstallSpec.Tier.DEFAULT)
                .extracting(r -> r.language().id()).contains("python", "c", "java");
        assertThat(Selection.set(all, "all")).hasSameSizeAs(all);
    }

    @Test
    void aFailedStepIsNotTakenForInstalledAndARerunDoesOnlyWhatIsMissing() throws Exception {
        Path good = npmPackage("runbox-test-good");
        // A tarball npm copies from, missing at first (a failed download): npm refuses it.
        Path later = dir.resolve("runbox-test-later-1.0.0.tgz");
        Recipe recipe = recipe(new InstallSpec(null, List.of(), List.of("runbox-test-good@file:" + good,
                "runbox-test-later@file:" + later), List.of()));
        Installer installer = new Installer(dir.resolve("prefix"), out, true);

        List<String> failed = installer.install(List.of(recipe));
        assertThat(failed).singleElement().asString().contains("runbox-test-later");
        assertThat(installer.installed(recipe)).isFalse();
        assertThat(dir.resolve("prefix/npm/node_modules/runbox-test-good/package.json")).isRegularFile();
        assertThat(dir.resolve("prefix/npm/node_modules/runbox-test-later/package.json")).doesNotExist();

        Path packed = npmPackage("runbox-test-later");
        Process pack = new ProcessBuilder("npm", "pack", "--offline", "--pack-destination", dir.toString())
                .directory(packed.toFile()).redirectErrorStream(true).start();
        pack.getInputStream().readAllBytes();
        assertThat(pack.waitFor()).isZero();
        assertThat(later).isRegularFile();
        printed.reset();
        assertThat(installer.install(List.of(recipe))).isEmpty();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("1 step(s) to install")
                .contains("[1/1] test (test): npm install runbox-test-later@file:");
        assertThat(installer.installed(recipe)).isTrue();
        printed.reset();
        assertThat(installer.install(List.of(recipe))).isEmpty();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("everything asked for is installed");
    }

    @Test
    void aMavenArtifactIsInstalledWholeWithItsLauncherOrNotAtAll() throws Exception {
        Path maven = dir.resolve("prefix/maven");
        MavenStep missing = new MavenStep(maven, new InstallSpec.MavenArtifact("info.picocli:picocli:0.0.404",
                "picocli.CommandLine", "picocli"), true);
        assertThatThrownBy(missing::install).hasMessageContaining("Maven could not fetch info.picocli:picocli:0.0.404");
        assertThat(missing.installed()).isFalse();
        try (var left = Files.list(maven)) {
            assertThat(left).as("nothing half-installed").isEmpty();
        }

        MavenStep picocli = new MavenStep(maven, new InstallSpec.MavenArtifact("info.picocli:picocli:4.7.7",
                "picocli.CommandLine", "picocli"), true);
        picocli.install();
        assertThat(picocli.installed()).isTrue();
        Path folder = maven.resolve("picocli-4.7.7");
        assertThat(folder.resolve("lib/picocli-4.7.7.jar")).isRegularFile();
        assertThat(Files.readString(folder.resolve("bin/picocli"))).isEqualTo("#!/bin/sh\n"
                + "# info.picocli:picocli:4.7.7, installed by ./runbox languages install\n"
                + "exec /usr/bin/java $RUNBOX_JAVA_OPTS -cp '" + folder.resolve("lib") + "/*' picocli.CommandLine \"$@\"\n");
        assertThat(Files.isExecutable(folder.resolve("bin/picocli"))).isTrue();
        picocli.uninstall();
        assertThat(folder).doesNotExist();
        assertThatThrownBy(() -> new MavenStep(maven, new InstallSpec.MavenArtifact("a:b:1; rm -rf /", "M", "x"), true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A language's library (python's {@code scientific}) is a recipe of its own in its tier; its packages are one apt
     * step and its {@code prepare} command runs after them, for real (matplotlib's font cache, into the test's own
     * prefix), once: it counts as installed when the path it creates is there. A failing command is a failed step.
     */
    @Test
    void aLibraryIsARecipeOfItsOwnWhosePrepareCommandRunsOnce() throws Exception {
        List<Recipe> all = shipped();
        Recipe scientific = Selection.named(all, List.of("python@scientific")).get(0);
        assertThat(scientific.kind()).isEqualTo("scientific");
        assertThat(scientific.items()).containsExactly("python3-numpy", "python3-pandas", "python3-matplotlib",
                "python3-scipy", "python3-sympy");
        assertThat(Selection.set(all, "default")).contains(scientific);
        assertThat(Selection.named(all, List.of("python"))).contains(scientific);

        Path prefix = dir.resolve("prefix");
        Installer installer = new Installer(prefix, out, true);
        Path prepared = prefix.resolve("python/scientific");
        PrepareStep prepare = new PrepareStep(List.of("/usr/bin/python3",
                TestServer.home().resolve("languages/python/prepare_scientific.py").toString(), prepared.toString()),
                prepared, TestServer.home().resolve("languages/python"));
        assertThat(installer.steps(scientific)).containsExactly(new AptStep(scientific.items(), List.of(), true), prepare);
        assertThat(prepare.installed()).isFalse();
        assertThat(installer.install(List.of(scientific))).isEmpty();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("1 step(s) to install")
                .contains("[1/1] python (scientific): /usr/bin/python3 ");
        try (var files = Files.list(prepared.resolve("matplotlib"))) {
            assertThat(files.map(p -> p.getFileName().toString())).singleElement().asString()
                    .matches("fontlist-v\\d+\\.json");
        }
        assertThat(prepared.resolve("box/runbox_matplotlib.py")).as("the box's hooks, copied under the prefix")
                .hasSameTextualContentAs(TestServer.home().resolve("languages/python/box/runbox_matplotlib.py"));
        printed.reset();
        assertThat(installer.install(List.of(scientific))).isEmpty();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("everything asked for is installed");
        prepare.uninstall();
        assertThat(prepared).doesNotExist();

        PrepareStep failing = new PrepareStep(List.of("/bin/sh", "-c", "echo no fonts; exit 3"), dir.resolve("x"), dir);
        assertThatThrownBy(failing::install).hasMessage("exit 3: no fonts");
        assertThat(failing.installed()).isFalse();
    }

    /**
     * A root image counts only once built whole (mmdebstrap builds it in a hidden folder, renamed at the end), and
     * its packages are read from the image's own dpkg database, never the host's. Offline: nothing is downloaded.
     */
    @Test
    void aRootImageCountsOnlyOnceBuiltWholeAndItsPackagesAreTheImagesOwn() throws Exception {
        Path prefix = dir.resolve("prefix");
        RootImage image = RootImage.of(prefix, "trixie");
        ImageStep build = new ImageStep(image, true);
        ImagePackagesStep python313 = new ImagePackagesStep(image, List.of("python3.13"), true);
        // The host has python3.11; the image below does not.
        ImagePackagesStep python311 = new ImagePackagesStep(image, List.of("python3.11"), true);
        dpkgStatus(prefix.resolve("rootfs/.trixie.partial"), "python3.13");
        assertThat(build.installed()).as("a half-built image").isFalse();
        assertThat(python313.installed()).isFalse();
        assertThatThrownBy(build::install).hasMessageContaining("building it downloads");

        dpkgStatus(prefix.resolve("rootfs/trixie"), "python3.13");
        assertThat(build.installed()).isTrue();
        assertThat(python313.installed()).isTrue();
        assertThat(python311.installed()).isFalse();

        Recipe trixie = Selection.named(shipped(), List.of("python@trixie")).get(0);
        assertThat(trixie.image()).isEqualTo("trixie");
        assertThat(trixie.sources()).isEqualTo("image:trixie");
        Installer installer = new Installer(prefix, out, true);
        assertThat(installer.steps(trixie)).containsExactly(build,
                new ImagePackagesStep(image, trixie.spec().debian(), true));
        // Removing a language's kind keeps the image: other kinds may live in it.
        installer.uninstall(List.of(new Recipe(trixie.language(), "python", new InstallSpec(null, List.of("python3.99"),
                List.of(), List.of()), "trixie")), List.of());
        assertThat(prefix.resolve("rootfs/trixie/var/lib/dpkg/status")).isRegularFile();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("keeping the trixie root image");
    }

    /**
     * An uninstall never takes another package along: a package that others depend on stays, and says which. (The
     * C library: were the check missing, apt would still refuse to remove an essential package.)
     */
    @Test
    void aPackageOthersDependOnIsKeptAndSaysWhich() throws Exception {
        Installer installer = new Installer(dir.resolve("prefix"), out, true);
        List<String> failed = installer.uninstall(List.of(recipe(new InstallSpec(null, List.of("libc6"), List.of(),
                List.of()))), List.of());
        assertThat(failed).isEmpty();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("test: keeping libc6: removing it would also remove ")
                .doesNotContain("removing apt-get");
        assertThat(new AptStep(List.of("libc6"), true).installed()).isTrue();
    }

    /**
     * A suite beyond the host's own ({@code bookworm-backports}, for Go 1.21–1.23) is found in either apt format,
     * never in a comment or as part of another suite's name, and added as a source of Debian's archive when missing.
     */
    @Test
    void aSuiteBeyondTheHostsOwnIsFoundInAnyAptSourceOrAddedWhenMissing() throws Exception {
        Path apt = Files.createDirectories(dir.resolve("apt/sources.list.d")).getParent();
        Files.writeString(apt.resolve("sources.list"), "# deb http://deb.debian.org/debian bookworm-backports main\n"
                + "deb http://deb.debian.org/debian bookworm main\n");
        Files.writeString(apt.resolve("sources.list.d/other.sources"), "Types: deb\nSuites: bookworm-backports-sloppy\n");
        assertThat(AptSources.names(apt, "bookworm")).isTrue();
        assertThat(AptSources.names(apt, "bookworm-backports")).isFalse();
        Path added = AptSources.add(apt, "bookworm-backports");
        assertThat(added).isEqualTo(apt.resolve("sources.list.d/runbox-bookworm-backports.sources"));
        assertThat(Files.readString(added)).contains("Suites: bookworm-backports\n", "URIs: http://deb.debian.org/debian\n",
                "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n");
        assertThat(AptSources.names(apt, "bookworm-backports")).isTrue();
        Recipe go = Selection.named(shipped(), List.of("go@1.22")).get(0);
        assertThat(go.spec().aptSuites()).containsExactly("bookworm-backports");
        assertThat(new Installer(dir.resolve("prefix"), out, true).steps(go))
                .containsExactly(new AptStep(List.of("golang-1.22-go"), List.of("bookworm-backports"), true));
    }

    /** A dpkg database under {@code root} in which {@code installed} is installed. */
    private static void dpkgStatus(Path root, String installed) throws Exception {
        Path dpkg = Files.createDirectories(root.resolve("var/lib/dpkg"));
        Files.createDirectories(dpkg.resolve("updates"));
        Files.createDirectories(dpkg.resolve("info"));
        Files.writeString(dpkg.resolve("status"), "Package: " + installed + "\nStatus: install ok installed\n"
                + "Priority: optional\nSection: python\nMaintainer: Nobody <nobody@example.org>\nArchitecture: amd64\n"
                + "Version: 3.13.5-2\nDescription: a package\n\n");
    }

    private Path npmPackage(String name) throws Exception {
        Path p = Files.createDirectories(dir.resolve(name));
        Files.writeString(p.resolve("package.json"), "{\"name\": \"" + name + "\", \"version\": \"1.0.0\"}\n");
        return p;
    }

    private Recipe recipe(InstallSpec spec) throws Exception {
        Path lang = Files.createDirectories(dir.resolve("languages/test"));
        Files.writeString(lang.resolve("language.yaml"), "id: test\nname: Test\nsource_file: main.t\nrun: [a]\n"
                + "toolchain: {discover: /x, version_command: [x], version_regex: x, compiler_id: test}\n");
        LanguageDefinition d = LanguageLoader.load(lang.resolve("language.yaml"));
        return new Recipe(d, "test", spec, null);
    }
}
