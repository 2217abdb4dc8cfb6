package io.runbox.execution.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runbox.execution.TestRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LanguageLoaderTest {
    @TempDir
    Path dir;

    @Test
    void everyShippedDefinitionLoadsAndHasASelfTest() throws IOException {
        List<LanguageDefinition> defs = LanguageLoader.loadAll(TestRunner.home().resolve("languages"));
        assertThat(defs).hasSizeGreaterThanOrEqualTo(13);
        for (LanguageDefinition d : defs) {
            try (var files = Files.list(d.dir())) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("test.")))
                        .as("%s has a test.<ext>", d.id()).hasSize(1);
            }
            List<InstallSpec> installs = new java.util.ArrayList<>(List.of(d.install()));
            d.kinds().stream().skip(1).forEach(k -> installs.add(k.install()));
            assertThat(installs.stream().mapToInt(i -> i.debian().size() + i.npm().size() + i.maven().size()).sum())
                    .as("%s says how to install it", d.id()).isPositive();
        }
        java.util.Map<String, String> names = new java.util.HashMap<>();
        java.util.Map<String, String> extensions = new java.util.HashMap<>();
        for (LanguageDefinition d : defs) {
            for (String name : java.util.stream.Stream.concat(java.util.stream.Stream.of(d.id()), d.aliases().stream()).toList()) {
                String before = names.put(name.toLowerCase(java.util.Locale.ROOT), d.id());
                assertThat(before).as("'%s' names both %s and %s", name, before, d.id()).isNull();
            }
            for (String ext : d.extensions()) {
                String before = extensions.put(ext, d.id());
                // C and C++ share their headers; any other extension means one language.
                assertThat(before == null || ext.equals("h")).as(".%s means both %s and %s", ext, before, d.id()).isTrue();
            }
        }
        assertThat(defs).filteredOn(d -> d.install().tier() == InstallSpec.Tier.DEFAULT)
                .extracting(LanguageDefinition::id).contains("python", "c", "java", "javascript", "bash");
    }

    @Test
    void eachKindOfToolchainRunsWithItsOwnCommandsAndTheLanguagesOtherwise() throws IOException {
        Path yaml = Files.createDirectories(dir.resolve("c")).resolve("language.yaml");
        Files.writeString(yaml, """
                id: c
                name: C
                source_file: main.c
                compile: ["{tool}", "{files}"]
                run: ["./main"]
                env: {A: "1"}
                sandbox_paths: [/etc/a]
                toolchains:
                  - {discover: /usr/bin/gcc-*, version_command: ["{tool}"], version_regex: x, compiler_id: "gcc-{major}"}
                  - discover: /usr/bin/clang-*
                    version_command: ["{tool}"]
                    version_regex: x
                    compiler_id: "clang-{major}"
                    compile: ["{tooldir}/clang", "{files}"]
                    env: {B: "2"}
                    sandbox_paths: [/etc/b]
                    install: {debian: [clang-16]}
                install: {tier: default, debian: [gcc]}
                """);
        LanguageDefinition c = LanguageLoader.load(yaml);
        assertThat(c.toolchain().compilerId()).isEqualTo("gcc-{major}");
        List<LanguageDefinition> kinds = c.perToolchain();
        assertThat(kinds).extracting(k -> k.toolchain().name()).containsExactly("gcc", "clang");
        assertThat(kinds.get(0).compile()).containsExactly("{tool}", "{files}");
        assertThat(kinds.get(1).compile()).containsExactly("{tooldir}/clang", "{files}");
        assertThat(kinds.get(1).run()).containsExactly("./main");
        assertThat(kinds.get(1).env()).isEqualTo(Map.of("A", "1", "B", "2"));
        assertThat(kinds.get(1).paths()).containsExactly("/etc/a", "/etc/b");
        assertThat(kinds).allMatch(k -> k.toolchains().isEmpty() && k.dir().equals(c.dir()));
        assertThat(c.toolchains().get(1).install().debian()).containsExactly("clang-16");
        assertThat(c.toolchains().get(1).install().tier()).isEqualTo(InstallSpec.Tier.EXTRA);
        // A language with one kind is its own only kind.
        Path single = Files.createDirectories(dir.resolve("sh")).resolve("language.yaml");
        Files.writeString(single, "id: sh\nname: Sh\nsource_file: main.sh\nrun: [\"{tool}\", \"{file}\"]\n"
                + "toolchain: {discover: /bin/sh, version_command: [x], version_regex: x, compiler_id: sh}\n");
        assertThat(LanguageLoader.load(single).perToolchain()).hasSize(1);
    }

    @Test
    void aLanguageGivesEitherOneToolchainOrAListOfThem() throws IOException {
        Path yaml = Files.createDirectories(dir.resolve("x")).resolve("language.yaml");
        Files.writeString(yaml, "id: x\nname: X\nsource_file: main.x\nrun: [a]\n"
                + "toolchain: {discover: /x, version_command: [x], version_regex: x, compiler_id: x}\n"
                + "toolchains: [{discover: /y, version_command: [y], version_regex: y, compiler_id: y}]\n");
        assertThatThrownBy(() -> LanguageLoader.load(yaml)).hasMessageContaining("either toolchain or toolchains");
    }

    @Test
    void aLanguageIsInTheExtraSetUnlessItSaysOtherwiseAndAnUnknownSetIsRejected() throws IOException {
        Path yaml = Files.createDirectories(dir.resolve("x")).resolve("language.yaml");
        String base = "id: x\nname: X\nsource_file: main.x\nrun: [a]\n"
                + "toolchain: {discover: /x, version_command: [x], version_regex: x, compiler_id: x}\n";
        Files.writeString(yaml, base + "install: {debian: [x]}\n");
        assertThat(LanguageLoader.load(yaml).install().tier()).isEqualTo(InstallSpec.Tier.EXTRA);
        Files.writeString(yaml, base + "install: {tier: popular, maven: [{artifact: 'a:b:1.0', main: M, launcher: b}]}\n");
        LanguageDefinition popular = LanguageLoader.load(yaml);
        assertThat(popular.install().tier()).isEqualTo(InstallSpec.Tier.POPULAR);
        assertThat(popular.install().maven()).containsExactly(new InstallSpec.MavenArtifact("a:b:1.0", "M", "b"));
        Files.writeString(yaml, base + "install: {tier: sometimes, debian: [x]}\n");
        assertThatThrownBy(() -> LanguageLoader.load(yaml)).hasMessageContaining("sometimes");
    }

    @Test
    void aKindFromEachRootImageItNamesIsAKindOfItsOwnInTheExtraSet() throws IOException {
        Path yaml = Files.createDirectories(dir.resolve("x")).resolve("language.yaml");
        String base = "id: x\nname: X\nsource_file: main.x\nrun: [a]\ninstall: {tier: default, debian: [x-12]}\n";
        Files.writeString(yaml, base + "toolchain: {discover: /usr/bin/x-*, version_command: [x], version_regex: x,"
                + " compiler_id: 'x-{major}', images: {trixie: [x-13, x-14], sid: [x-15]}}\n");
        LanguageDefinition d = LanguageLoader.load(yaml);
        assertThat(d.kinds()).extracting(LanguageDefinition.ToolchainSpec::kindName)
                .containsExactly("x", "x/trixie", "x/sid");
        assertThat(d.kinds()).extracting(LanguageDefinition.ToolchainSpec::image).containsExactly(null, "trixie", "sid");
        assertThat(d.kinds().get(1).install()).isEqualTo(new InstallSpec(InstallSpec.Tier.EXTRA, List.of("x-13", "x-14"),
                List.of(), List.of()));
        assertThat(d.kinds().get(2).discover()).isEqualTo("/usr/bin/x-*");
        assertThat(d.perToolchain()).extracting(k -> k.toolchain().image()).containsExactly(null, "trixie", "sid");
        assertThat(d.perToolchain()).allSatisfy(k -> assertThat(k.run()).containsExactly("a"));

        Files.writeString(yaml, base + "toolchain: {discover: /x, version_command: [x], version_regex: x,"
                + " compiler_id: x, image: sid, images: {trixie: [x]}}\n");
        assertThatThrownBy(() -> LanguageLoader.load(yaml)).hasMessageContaining("has no images of its own");
        Files.writeString(yaml, base + "toolchain: {discover: /x, version_command: [x], version_regex: x,"
                + " compiler_id: x, images: {'../host': [x]}}\n");
        assertThatThrownBy(() -> LanguageLoader.load(yaml)).hasMessageContaining("must be a Debian suite name");
        Files.writeString(yaml, base + "toolchain: {discover: /x, version_command: [x], version_regex: x,"
                + " compiler_id: x, images: {trixie: []}}\n");
        assertThatThrownBy(() -> LanguageLoader.load(yaml)).hasMessageContaining("with the packages");
    }

    @Test
    void anIdThatDiffersFromItsFolderIsRejected() throws IOException {
        Path yaml = Files.createDirectories(dir.resolve("lua")).resolve("language.yaml");
        Files.writeString(yaml, "id: moon\nname: Lua\nsource_file: main.lua\nrun: [\"{tool}\", \"{file}\"]\n"
                + "toolchain: {discover: /usr/bin/lua*, version_command: [\"{tool}\", \"-v\"], version_regex: 'Lua (\\d+\\.\\d+)', compiler_id: 'lua-{major}.{minor}'}\n");
        assertThatThrownBy(() -> LanguageLoader.load(yaml)).hasMessageContaining("must equal its folder name");
    }

    @Test
    void unknownKeysAreRejectedNotIgnored() throws IOException {
        Path yaml = Files.createDirectories(dir.resolve("x")).resolve("language.yaml");
        Files.writeString(yaml, "id: x\nname: X\nsource_file: main.x\nrun: [a]\ncompile_comand: [b]\n"
                + "toolchain: {discover: /x, version_command: [x], version_regex: x, compiler_id: x}\n");
        assertThatThrownBy(() -> LanguageLoader.load(yaml)).hasMessageContaining("compile_comand");
    }

    @Test
    void pythonAndNodeCarryTheirPrestartHookAndWhereTheBoxFindsIt() throws IOException {
        Path languages = TestRunner.home().resolve("languages");
        LanguageDefinition python = LanguageLoader.load(languages.resolve("python/language.yaml"));
        assertThat(python.prestart().env()).isEqualTo(Map.of("PYTHONPATH", PrestartSpec.BOX_DIR));
        assertThat(python.prestart().hostDir(python.dir()).resolve("sitecustomize.py")).isRegularFile();
        LanguageDefinition node = LanguageLoader.load(languages.resolve("javascript/language.yaml"));
        assertThat(node.prestart().env())
                .isEqualTo(Map.of("NODE_OPTIONS", "--require " + PrestartSpec.BOX_DIR + "/prestart.js"));
        assertThat(node.prestart().hostDir(node.dir()).resolve("prestart.js")).isRegularFile();
        assertThat(LanguageLoader.load(languages.resolve("c/language.yaml")).prestart()).isNull();
    }

    @Test
    void aPrestartSectionIsCheckedWhenItIsRead() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("x"));
        Files.createDirectories(folder.resolve("hook"));
        String head = "id: x\nname: X\nsource_file: main.x\nrun: [a]\n"
                + "toolchain: {discover: /x, version_command: [x], version_regex: x, compiler_id: x}\n";
        Path yaml = folder.resolve("language.yaml");

        Files.writeString(yaml, head + "prestart: {dir: hook, env: {XPATH: /.runbox/prestart}}\n");
        assertThat(LanguageLoader.load(yaml).prestart()).isEqualTo(new PrestartSpec("hook", Map.of("XPATH",
                "/.runbox/prestart"), null));

        Files.writeString(yaml, head + "prestart: {dir: missing, env: {XPATH: /p}}\n");
        assertThatThrownBy(() -> LanguageLoader.load(yaml)).hasMessageContaining("not a directory");
        Files.writeString(yaml, head + "prestart: {dir: ../.., env: {XPATH: /p}}\n");
        assertThatThrownBy(() -> LanguageLoader.load(yaml)).hasMessageContaining("inside the language's folder");
        Files.writeString(yaml, head + "prestart: {dir: hook}\n");
        assertThatThrownBy(() -> LanguageLoader.load(yaml)).hasMessageContaining("prestart must name");
        Files.writeString(yaml, head + "prestart: {dir: hook, env: {RUNBOX_PRESTART_FD: '3'}}\n");
        assertThatThrownBy(() -> LanguageLoader.load(yaml)).hasMessageContaining("RUNBOX_PRESTART_");
        Files.writeString(yaml, head + "prestart: {dir: hook, env: {XPATH: /p}, command: [y]}\n");
        assertThatThrownBy(() -> LanguageLoader.load(yaml)).hasMessageContaining("command");
    }

    @Test
    void aPrestartCommandIsTheRunCommandWithTheHooksFilesAdded() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("x"));
        Files.createDirectories(folder.resolve("hook"));
        Files.writeString(folder.resolve("hook/agent.so"), "");
        String head = "id: x\nname: X\nsource_file: main.x\nrun: [a, '{stem}']\n"
                + "toolchain: {discover: /x, version_command: [x], version_regex: x, compiler_id: x}\n";
        Path yaml = folder.resolve("language.yaml");

        Files.writeString(yaml, head + "prestart: {dir: hook, command: [a, -load=/.runbox/prestart/agent.so, '{stem}']}\n");
        assertThat(LanguageLoader.load(yaml).prestart().command())
                .containsExactly("a", "-load=/.runbox/prestart/agent.so", "{stem}");

        Files.writeString(yaml, head + "prestart: {dir: hook, command: [a, -other, '{stem}']}\n");
        assertThatThrownBy(() -> LanguageLoader.load(yaml)).hasMessageContaining("must be the run command");
        Files.writeString(yaml, head + "prestart: {dir: hook, command: [a, '{stem}', extra]}\n");
        assertThatThrownBy(() -> LanguageLoader.load(yaml)).hasMessageContaining("must be the run command");
        Files.writeString(yaml, head + "prestart: {dir: hook, command: [a, /.runbox/prestart/../../etc/x, '{stem}']}\n");
        assertThatThrownBy(() -> LanguageLoader.load(yaml)).hasMessageContaining("outside");
        Files.writeString(yaml, head + "prestart: {dir: hook}\n");
        assertThatThrownBy(() -> LanguageLoader.load(yaml)).hasMessageContaining("prestart must name");

        // A hook that was not built: the language loads, without its prestart.
        Files.writeString(yaml, head + "prestart: {dir: hook, command: [a, -load=/.runbox/prestart/unbuilt.so, '{stem}']}\n");
        assertThat(LanguageLoader.load(yaml).prestart()).isNull();
    }

    @Test
    void javasHookIsTheRunCommandWithTheAgentItsBuildMade() throws IOException {
        LanguageDefinition java = LanguageLoader.load(TestRunner.home().resolve("languages/java/language.yaml"));

        assertThat(java.prestart()).as("the hook was built (mvn compile)").isNotNull();
        assertThat(java.prestart().command()).contains("-agentpath:" + PrestartSpec.BOX_DIR + "/librunbox-jvm-hold.so");
        assertThat(java.prestart().env()).isEmpty();
    }
}
