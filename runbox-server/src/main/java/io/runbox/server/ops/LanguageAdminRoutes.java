package io.runbox.server.ops;

import io.javalin.config.JavalinConfig;
import io.runbox.server.access.AccessClass;
import io.runbox.server.http.Routes;

/** {@code POST /admin/languages/reload}: the catalogue probed again ({@link LanguageReload}). Needs the admin token. */
public final class LanguageAdminRoutes implements Routes {
    private final LanguageReload reload;

    public LanguageAdminRoutes(LanguageReload reload) {
        this.reload = reload;
    }

    @Override
    public void register(JavalinConfig config) {
        config.routes.post("/admin/languages/reload", ctx -> ctx.json(reload.reload()), AccessClass.ADMIN);
    }
}
