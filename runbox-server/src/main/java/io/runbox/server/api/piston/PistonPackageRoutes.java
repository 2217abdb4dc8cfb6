package io.runbox.server.api.piston;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.runbox.execution.catalogue.Catalogue;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.execution.catalogue.LanguageLoader;
import io.runbox.server.access.AccessClass;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.Json;
import io.runbox.server.http.Routes;
import io.runbox.server.install.Installer;
import io.runbox.server.install.Recipe;
import io.runbox.server.install.Selection;
import io.runbox.server.ops.LanguageReload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Piston's package API over the same recipes and installer as {@code ./runbox languages}: {@code GET /api/v2/packages}
 * lists every toolchain recipe ({@code installed} or not, with the versions installed; a language's libraries, such
 * as {@code python@scientific}, are not packages), {@code POST} installs {@code {language, version}} (a version, a
 * kind such as {@code clang}, or {@code *} for all of the language's kinds), then the catalogue is reloaded. Admin
 * only; one install at a time; the installer's progress goes to the log. Removing stays with
 * {@code ./runbox languages uninstall} on the host.
 */
public final class PistonPackageRoutes implements Routes {
    private static final Logger LOG = LoggerFactory.getLogger(PistonPackageRoutes.class);

    /** One package as Piston lists it. */
    public record PistonPackage(String language, String language_version, boolean installed) {
    }

    /** The body of {@code POST}. */
    public record PackageRequest(String language, String version) {
    }

    private final Catalogue catalogue;
    private final Path languagesDir;
    private final Path prefix;
    private final LanguageReload reload;

    public PistonPackageRoutes(Catalogue catalogue, Path languagesDir, Path prefix, LanguageReload reload) {
        this.catalogue = catalogue;
        this.languagesDir = languagesDir;
        this.prefix = prefix;
        this.reload = reload;
    }

    @Override
    public void register(JavalinConfig config) {
        for (String base : List.of("/api/v2", "/api/v2/piston")) {
            config.routes.get(base + "/packages", this::list, AccessClass.ADMIN);
            config.routes.post(base + "/packages", this::install, AccessClass.ADMIN);
        }
    }

    private void list(Context ctx) throws IOException {
        Installer installer = new Installer(prefix, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), true);
        List<PistonPackage> out = new ArrayList<>();
        for (Recipe r : Recipe.of(LanguageLoader.loadAll(languagesDir))) {
            if (r.isLibrary()) {
                continue; // a Piston package is a runtime; a language's libraries come with it (./runbox languages)
            }
            List<Compiler> installed = catalogue.find(r.language().id()).map(l -> l.compilers().stream()
                    .filter(c -> c.kind().equalsIgnoreCase(r.kind())).toList()).orElse(List.of());
            if (!installed.isEmpty()) {
                installed.forEach(c -> out.add(new PistonPackage(r.language().id(), c.version().toString(), true)));
            } else {
                out.add(new PistonPackage(r.language().id(), r.kind(), installer.installed(r)));
            }
        }
        ctx.json(out);
    }

    private synchronized void install(Context ctx) throws IOException {
        PackageRequest body = Json.parse(ctx.bodyAsBytes(), PackageRequest.class);
        if (body.language() == null || body.language().isBlank()) {
            throw ApiException.badRequest("invalid_request", "language is required", null);
        }
        List<Recipe> all = Recipe.of(LanguageLoader.loadAll(languagesDir));
        String version = body.version() == null || body.version().isBlank() || body.version().equals("*") ? null
                : body.version();
        List<Recipe> chosen;
        try {
            chosen = Selection.named(all, List.of(version == null ? body.language() : body.language() + "@" + version));
        } catch (Selection.UnknownNameException e) {
            throw ApiException.badRequest("unknown_package", e.getMessage(), null);
        }
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Installer installer = new Installer(prefix, new PrintStream(progress, true, StandardCharsets.UTF_8), false);
        List<String> failed = installer.install(chosen);
        LOG.info("packages: install {}@{}:\n{}", body.language(), version, progress.toString(StandardCharsets.UTF_8));
        reload.reload();
        if (!failed.isEmpty()) {
            throw new ApiException(500, "package_failed", String.join("; ", failed), null, null);
        }
        ctx.json(new PackageRequest(body.language(), version == null ? "*" : version));
    }
}
