package io.runbox.server.ops;

import io.javalin.config.JavalinConfig;
import io.runbox.execution.catalogue.Catalogue;
import io.runbox.server.http.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /openapi.json} (the API description, {@link OpenApiDocument}), {@code GET /docs} (Swagger UI over it),
 * and the static browser files: {@code /widget.js} and the playground at {@code /}.
 */
public final class DocsRoutes implements Routes {
    private final String openApi;
    /** Swagger UI's version is the one the build resolved (the webjar's own record), written nowhere else. */
    private final String docsPage = resource("/docs.html").replace("{{swagger-ui-version}}", webjarVersion("swagger-ui"));

    /** @param catalogue what is installed, for the document's examples */
    public DocsRoutes(Catalogue catalogue) {
        this.openApi = OpenApiDocument.json(catalogue);
    }

    @Override
    public void register(JavalinConfig config) {
        config.staticFiles.enableWebjars();
        // widget.js, the playground at / (index.html) and its script, built by runbox-widget.
        config.staticFiles.add("/public", io.javalin.http.staticfiles.Location.CLASSPATH);
        config.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        config.routes.get("/docs", ctx -> ctx.html(docsPage));
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
