package io.runbox.execution.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runbox.execution.RequestRejectedException;
import io.runbox.execution.TestRunner;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real catalogue of this host: the default language set must be installed (./runbox setup does it). */
class CatalogueTest {
    static final List<String> DEFAULT_SET = List.of("python", "c", "cpp", "java", "javascript", "typescript", "bash",
            "ruby", "php", "go", "rust", "haskell", "csharp");

    private final Catalogue catalogue = TestRunner.runner().catalogue();

    @Test
    void servesTheWholeDefaultLanguageSet() {
        assertThat(catalogue.languages()).extracting(InstalledLanguage::id).containsAll(DEFAULT_SET);
        // ./runbox setup installs the default set; the others are installed on demand, so some may be missing here.
        assertThat(catalogue.missing()).noneMatch(d -> d.install().tier() == InstallSpec.Tier.DEFAULT);
    }

    @Test
    void compilerIdsCarryTheVersionReadFromTheToolchain() {
        for (String language : List.of("python", "c", "cpp", "java")) {
            assertThat(catalogue.find(language).orElseThrow().compilers()).as(language).isNotEmpty().allSatisfy(c -> {
                String idVersion = c.id().substring(c.id().lastIndexOf('-') + 1);
                assertThat(idVersion).as(c.id()).matches("\\d+(\\.\\d+)?");
                assertThat(c.version().toString() + ".").as("the version %s read for %s", c.version(), c.id())
                        .startsWith(idVersion + ".");
                assertThat(catalogue.compiler(c.id())).contains(c);
            });
        }
    }

    @Test
    void theDefaultIsTheNewestOfTheLanguagesOwnKind() throws RequestRejectedException {
        InstalledLanguage java = catalogue.find("java").orElseThrow();
        assertThat(java.compilers()).hasSizeGreaterThanOrEqualTo(2);
        String ownKind = java.definition().kinds().get(0).kindName();
        Compiler newest = java.compilers().stream().filter(c -> c.kind().equals(ownKind))
                .max((a, b) -> a.version().compareTo(b.version())).orElseThrow();
        assertThat(catalogue.resolve("java", null)).isEqualTo(newest);
        assertThat(catalogue.resolve("java", "*")).isEqualTo(newest);
    }

    @Test
    void selectsByIdVersionAndRange() throws RequestRejectedException {
        List<Compiler> javas = catalogue.find("java").orElseThrow().compilers().stream()
                .sorted(Comparator.comparing(Compiler::version)).toList();
        Compiler oldest = javas.getFirst();
        Compiler newest = javas.getLast();
        Compiler belowNewest = javas.get(javas.size() - 2);
        int oldMajor = oldest.version().major();
        assertThat(catalogue.resolve("java", oldest.id())).isEqualTo(oldest);
        assertThat(catalogue.resolve("java", Integer.toString(oldMajor))).isEqualTo(oldest);
        assertThat(catalogue.resolve("java", "<" + newest.version().major())).isEqualTo(belowNewest);
        assertThat(catalogue.resolve("java", ">=" + oldMajor)).isEqualTo(newest);
        Compiler python = catalogue.resolve("python", null);
        Compiler newestPython = catalogue.find("python").orElseThrow().compilers().stream()
                .filter(c -> c.version().major() == python.version().major())
                .max(Comparator.comparing(Compiler::version)).orElseThrow();
        assertThat(catalogue.resolve("python", python.version().major() + ".x")).isEqualTo(newestPython);
    }

    @Test
    void findsLanguagesByAliasAndExtension() {
        assertThat(catalogue.find("py").orElseThrow().id()).isEqualTo("python");
        assertThat(catalogue.find("C++").orElseThrow().id()).isEqualTo("cpp");
        assertThat(catalogue.byExtension("rs").orElseThrow().id()).isEqualTo("rust");
        assertThat(catalogue.byExtension("hs").orElseThrow().id()).isEqualTo("haskell");
    }

    @Test
    void unknownLanguagesAndVersionsAreRejectedListingWhatIsInstalled() throws RequestRejectedException {
        // An unknown language: the installed one it was probably meant to be, never the whole list.
        assertThatThrownBy(() -> catalogue.resolve("klingon", null))
                .isInstanceOfSatisfying(RequestRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RequestRejectedException.Reason.UNKNOWN_LANGUAGE))
                .hasMessage("unknown language 'klingon'");
        assertThatThrownBy(() -> catalogue.resolve("pyhton", null))
                .hasMessage("unknown language 'pyhton'; did you mean 'python'?");
        String pythonId = catalogue.resolve("python", null).id();
        assertThat(catalogue.unknownCompiler(pythonId.replace("python", "pyhton")))
                .endsWith("did you mean '" + pythonId + "'?");
        Compiler python = catalogue.resolve("python", null);
        String notInstalled = "python-" + (python.version().major() + 100);
        assertThatThrownBy(() -> catalogue.resolve("python", notInstalled))
                .isInstanceOfSatisfying(RequestRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RequestRejectedException.Reason.VERSION_NOT_INSTALLED))
                .hasMessageContaining(python.id());
        assertThatThrownBy(() -> catalogue.resolve("python", ">=4"))
                .isInstanceOf(RequestRejectedException.class);
    }

    @Test
    void unnamedFilesAreNamedByTheLanguage() {
        assertThat(catalogue.entryFile("java")).isEqualTo("Main.java");
        assertThat(catalogue.entryFile(" py ")).isEqualTo("main.py");
        assertThat(catalogue.fileName("python", 0, "")).isEqualTo("main.py");
        // Every file after the entry point keeps the language's extension, so that it is compiled or importable.
        // The dialects named it "file1" (native, MCP) or "file1.code" (Piston): gcc never saw it.
        assertThat(catalogue.fileName("c", 1, null)).isEqualTo("file1.c");
        assertThat(catalogue.fileName("C++", 2, "")).isEqualTo("file2.cpp");
        assertThat(catalogue.fileName("c", 1, "lib.c")).isEqualTo("lib.c");
        // A language that is not installed: the runner refuses it; the names only have to be distinct.
        assertThat(catalogue.entryFile("klingon")).isEqualTo("main");
        assertThat(catalogue.fileName("klingon", 1, null)).isEqualTo("file1");
    }

    @Test
    void aCompilerIdStandsForTheCompilersOfItsToolchainOrLanguage() {
        // Versions no host installs: the id still stands for every installed version of its toolchain.
        assertThat(idsFor("python-300")).containsExactlyInAnyOrderElementsOf(ofToolchain("python")).isNotEmpty();
        // Cases the old copies disagreed on: onlinecompiler's regex left "-3.14-dev" unparsed (unknown compiler),
        // the widget's was case-sensitive (GCC-13 picked the first compiler of the list).
        assertThat(idsFor("Python-300.14-dev")).containsExactlyInAnyOrderElementsOf(ofToolchain("python"));
        assertThat(idsFor("GCC-300")).containsExactlyInAnyOrderElementsOf(ofToolchain("gcc")).isNotEmpty();
        assertThat(idsFor("g++-300")).containsExactlyInAnyOrderElementsOf(ofToolchain("g++")).isNotEmpty();
        assertThat(idsFor("gcc")).containsExactlyInAnyOrderElementsOf(ofToolchain("gcc"));
        assertThat(catalogue.sameToolchain("node-v300")).allMatch(c -> c.language().id().equals("javascript"))
                .isNotEmpty();
        // No toolchain by that name: the language's id or alias.
        assertThat(idsFor("java-300")).containsExactlyInAnyOrderElementsOf(ofLanguage("java")).isNotEmpty();
        assertThat(idsFor("c++-20")).containsExactlyInAnyOrderElementsOf(ofLanguage("cpp"));
        assertThat(idsFor("c-99")).containsExactlyInAnyOrderElementsOf(ofLanguage("c"));
        assertThat(catalogue.sameToolchain("klingon-3")).isEmpty();
        assertThat(catalogue.sameToolchain("gccx-1")).isEmpty();
    }

    private List<String> idsFor(String compilerId) {
        return catalogue.sameToolchain(compilerId).stream().map(Compiler::id).toList();
    }

    private List<String> ofToolchain(String name) {
        return catalogue.compilers().stream().filter(c -> c.toolchain().equals(name)).map(Compiler::id).toList();
    }

    private List<String> ofLanguage(String language) {
        return catalogue.compilers().stream().filter(c -> c.language().id().equals(language)).map(Compiler::id)
                .toList();
    }

    @Test
    void everyCompilerIdNamesOneCompilerOfOneLanguage() {
        // Two languages (or two kinds of one) earning the same id would make one of them unreachable by its id.
        assertThat(catalogue.compilers()).extracting(Compiler::id).doesNotHaveDuplicates();
    }

    @Test
    void everyInstalledCompilerIdStandsForItsOwnToolchain() {
        for (Compiler c : catalogue.compilers()) {
            assertThat(catalogue.sameToolchain(c.id())).as(c.id()).contains(c)
                    .allMatch(o -> o.toolchain().equals(c.toolchain()));
        }
    }

    @Test
    void aBareLanguageNamesItsDefaultCompiler() {
        Compiler python = catalogue.find("python").orElseThrow().defaultCompiler();
        assertThat(catalogue.compiler("python")).contains(python);
        assertThat(catalogue.compiler("PY")).contains(python);
        assertThat(catalogue.compiler("gcc")).contains(catalogue.find("c").orElseThrow().defaultCompiler());
        assertThat(catalogue.compiler("klingon")).isEmpty();
    }

    @Test
    void operatorAliasesStandForACompilerOrALanguagesDefault() throws InvalidAliasException {
        Compiler oldestJava = catalogue.find("java").orElseThrow().compilers().getLast();
        String unknown = "python-" + (catalogue.find("python").orElseThrow().defaultCompiler().version().major() + 90)
                + ".14";
        assertThat(catalogue.compiler(unknown)).as("no alias by default").isEmpty();
        java.util.Map<String, String> aliases = new java.util.LinkedHashMap<>();
        aliases.put(unknown, "python");
        // An id no host has: an alias may not hide an installed compiler (sid's root image has a real gcc-15).
        String gccAlias = "gcc-" + (catalogue.find("c").orElseThrow().defaultCompiler().version().major() + 90);
        aliases.put(gccAlias, "gcc");
        aliases.put("openjdk-8", oldestJava.id());
        Catalogue aliased = catalogue.withCompilerAliases(aliases);
        assertThat(aliased.compiler(unknown)).contains(catalogue.find("python").orElseThrow().defaultCompiler());
        assertThat(aliased.compiler(unknown.toUpperCase(java.util.Locale.ROOT))).isEqualTo(aliased.compiler(unknown));
        assertThat(aliased.compiler(gccAlias)).contains(catalogue.find("c").orElseThrow().defaultCompiler());
        assertThat(aliased.compiler("openjdk-8")).contains(oldestJava);
        assertThat(aliased.compilerAliases().keySet()).containsExactly(unknown, gccAlias, "openjdk-8");
        assertThat(aliased.compilers()).isEqualTo(catalogue.compilers());
        assertThat(catalogue.compiler(unknown)).as("the catalogue it was made from is unchanged").isEmpty();
    }

    @Test
    void anAliasWhoseTargetIsNotInstalledOrThatHidesACompilerIsRefusedByName() {
        assertThatThrownBy(() -> catalogue.withCompilerAliases(java.util.Map.of("rust-1.93", "klingon")))
                .isInstanceOfSatisfying(InvalidAliasException.class, e -> assertThat(e.alias()).isEqualTo("rust-1.93"))
                .hasMessageContaining("'klingon'").hasMessageContaining(catalogue.compilers().getFirst().id());
        String installed = catalogue.compilers().getFirst().id();
        assertThatThrownBy(() -> catalogue.withCompilerAliases(java.util.Map.of(installed, "python")))
                .isInstanceOfSatisfying(InvalidAliasException.class, e -> assertThat(e.alias()).isEqualTo(installed))
                .hasMessageContaining("installed compiler");
    }
}
