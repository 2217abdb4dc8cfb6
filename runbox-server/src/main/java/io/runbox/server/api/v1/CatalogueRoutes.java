package io.runbox.server.api.v1;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.runbox.execution.catalogue.Catalogue;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.execution.catalogue.InstalledLanguage;
import io.runbox.server.access.AccessClass;
import io.runbox.server.http.Envelope;
import io.runbox.server.http.RequestIds;
import io.runbox.server.http.Routes;
import io.runbox.server.http.UnknownNames;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/languages} and {@code GET /v1/compilers?language=}, shared with the Wandbox-style dialect
 * and so answered in its envelope: Wandbox's fields ({@code language} as a display name, {@code versions},
 * {@code default_compiler}; {@code name}, {@code version}, {@code language}) plus the native ones.
 * {@code language} may also be a compiler id, installed or not: {@code ?language=python-3.14} lists the
 * compilers that id stands for ({@link Catalogue#sameToolchain}), which is how the widget resolves its
 * {@code data-lang} without a rule of its own; an operator's compiler alias ({@code compilers.aliases}) lists
 * the language of the compiler it stands for, and each compiler lists the aliases that stand for it.
 */
public final class CatalogueRoutes implements Routes {
    private final Catalogue catalogue;

    public CatalogueRoutes(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public void register(JavalinConfig config) {
        // Also under the prefix the Wandbox-style documents use (https://api.oanor.com/codeexec-api/v1/...).
        for (String base : List.of("", "/codeexec-api")) {
            config.routes.get(base + "/v1/languages", this::languages, AccessClass.OPEN);
            config.routes.get(base + "/v1/compilers", this::compilers, AccessClass.OPEN);
        }
    }

    /** One language: Wandbox's three fields, then the native ones. */
    public record LanguageEntry(String language, int versions, String default_compiler, String id, String name,
                                List<String> aliases, List<String> extensions, boolean compiled,
                                List<CompilerEntry> compilers) {
    }

    /** One compiler: Wandbox's three fields, then the native ones. */
    public record CompilerEntry(String name, String version, String language, String id, String language_id,
                                boolean is_default, List<String> aliases) {
    }

    public record Languages(int count, List<LanguageEntry> languages) {
    }

    public record Compilers(int count, List<CompilerEntry> compilers) {
    }

    /** The catalogue is public and read by widgets on other origins. */
    private static void allowAnyOrigin(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
    }

    private void languages(Context ctx) {
        allowAnyOrigin(ctx);
        List<LanguageEntry> list = catalogue.languages().stream().map(l -> entry(l, catalogue)).toList();
        ctx.json(Envelope.ok(new Languages(list.size(), list), "Supported languages", RequestIds.of(ctx)));
    }

    private void compilers(Context ctx) {
        allowAnyOrigin(ctx);
        String language = ctx.queryParam("language");
        List<InstalledLanguage> langs = language == null || language.isBlank() ? catalogue.languages()
                : List.of(catalogue.find(language.trim()).or(() -> languageOfCompiler(language)).orElseThrow(() ->
                        UnknownNames.language(catalogue, language)));
        List<CompilerEntry> list = langs.stream().flatMap(l -> l.compilers().stream().map(c -> compiler(l, c, catalogue)))
                .toList();
        ctx.json(Envelope.ok(new Compilers(list.size(), list), "Compiler list", RequestIds.of(ctx)));
    }

    /** The language of the compiler an id or alias names, else of those a compiler id stands for, if any. */
    private Optional<InstalledLanguage> languageOfCompiler(String id) {
        return catalogue.compiler(id).or(() -> catalogue.sameToolchain(id).stream().findFirst())
                .flatMap(c -> catalogue.find(c.language().id()));
    }

    static LanguageEntry entry(InstalledLanguage l, Catalogue catalogue) {
        return new LanguageEntry(l.definition().name(), l.compilers().size(), l.defaultCompiler().id(), l.id(),
                l.definition().name(), l.definition().aliases(), l.definition().extensions(),
                l.definition().isCompiled(), l.compilers().stream().map(c -> compiler(l, c, catalogue)).toList());
    }

    static CompilerEntry compiler(InstalledLanguage l, Compiler c, Catalogue catalogue) {
        List<String> aliases = catalogue.compilerAliases().entrySet().stream().filter(a -> a.getValue().equals(c))
                .map(java.util.Map.Entry::getKey).toList();
        return new CompilerEntry(c.id(), c.version().toString(), l.definition().name(), c.id(), l.id(),
                c == l.defaultCompiler(), aliases);
    }
}
