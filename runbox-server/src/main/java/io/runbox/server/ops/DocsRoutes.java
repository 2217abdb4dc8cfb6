package io.runbox.server.ops;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Header;
import io.javalin.http.staticfiles.Location;
import io.runbox.execution.catalogue.Catalogue;
import io.runbox.server.access.AccessClass;
import io.runbox.server.http.RegisteredRoutes;
import io.runbox.server.http.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /openapi.json} (the API description, {@link OpenApiDocument}), {@code GET /docs} (Swagger UI over it,
 * its files under {@code /webjars/}), and the static browser files: {@code /widget.js} and the playground at
 * {@code /}. All open.
 */
public final class DocsRoutes implements Routes {
    private static final String WEBJARS = "/webjars";
    private static final String PUBLIC = "/";
    /** The static files are open to anyone. */
    private static final AccessClass STATIC_ACCESS = AccessClass.OPEN;
    private final String openApi;
    /** Swagger UI's version is the one the build resolved (the webjar's own record), written nowhere else. */
    private final String docsPage = resource("/docs.html").replace("{{swagger-ui-version}}", webjarVersion("swagger-ui"));

    /** @param catalogue what is installed, for the document's examples */
    public DocsRoutes(Catalogue catalogue) {
        this.openApi = OpenApiDocument.json(catalogue);
    }

    @Override
    public void register(JavalinConfig config) {
        // Swagger UI's files, as Javalin's enableWebjars() serves them.
        config.staticFiles.add(files -> {
            files.hostedPath = WEBJARS;
            files.directory = "META-INF/resources/webjars";
            files.location = Location.CLASSPATH;
            files.headers = Map.of(Header.CACHE_CONTROL, "max-age=31622400");
            files.roles = Set.of(STATIC_ACCESS);
        });
        // widget.js, the playground at / (index.html) and its script, built by runbox-widget.
        config.staticFiles.add("/public", Location.CLASSPATH, Set.of(STATIC_ACCESS));
        config.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi), AccessClass.OPEN);
        config.routes.get("/docs", ctx -> ctx.html(docsPage), AccessClass.OPEN);
    }

    @Override
    public List<RegisteredRoutes.Route> mounts() {
        return List.of(RegisteredRoutes.Route.staticFiles(WEBJARS, STATIC_ACCESS),
                RegisteredRoutes.Route.staticFiles(PUBLIC, STATIC_ACCESS));
    }

    private static String webjarVersion(String artifact) {
        java.util.Properties p = new java.util.Properties();
        try (InputStream in = DocsRoutes.class.getResourceAsStream("/META-INF/maven/org.webjars/" + artifact + "/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the " + artifact + " webjar is missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static String resource(String name) {
        try (InputStream in = DocsRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the server's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
