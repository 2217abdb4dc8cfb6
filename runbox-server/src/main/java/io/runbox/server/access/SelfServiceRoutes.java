package io.runbox.server.access;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.runbox.server.config.InvalidConfigException;
import io.runbox.server.config.RunboxConfig;
import io.runbox.server.http.ApiException;
import io.runbox.server.http.ErrorFormat;
import io.runbox.server.http.Json;
import io.runbox.server.http.Routes;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/keys/create} (also under {@code /v1/agent-coderunner}), as the agent-runner seed documents it: no
 * signup, no body, answers {@code {key, credits, docs}}. Off unless {@code access.self_service.enabled} (then 403
 * saying so). Each key is an api key on the configured plan with the configured credit balance, which its runs spend
 * ({@link CreditMeter}); each client address may create a few per window ({@link SignupLimiter}, 429 with
 * {@code Retry-After} past them). Errors are the dialect's {@code {error, code}}.
 */
public final class SelfServiceRoutes implements Routes {
    static final String PATH = "/api/keys/create";
    /** Client addresses whose windows are remembered at once: about a megabyte at most. */
    static final int MAX_ADDRESSES = 10_000;

    private final KeyService keys;
    private final RunboxConfig.SelfServiceConfig config;
    private final SignupLimiter limiter;

    /** @throws InvalidConfigException naming the {@code access.self_service} key that cannot be used */
    public SelfServiceRoutes(KeyService keys, RunboxConfig.SelfServiceConfig config) {
        this.keys = keys;
        this.config = check(config, keys.plans());
        this.limiter = new SignupLimiter(config.perAddress().limit(), config.perAddress().window(), MAX_ADDRESSES,
                System::nanoTime);
    }

    /**
     * {@code c}, when it can be used with {@code plans}.
     *
     * @throws InvalidConfigException naming the {@code access.self_service} key that cannot be used
     */
    public static RunboxConfig.SelfServiceConfig check(RunboxConfig.SelfServiceConfig c, Plans plans) {
        if (plans.find(c.plan()).isEmpty()) {
            throw new InvalidConfigException("access.self_service.plan: no plan '" + c.plan() + "' (plans: "
                    + String.join(", ", plans.all().keySet()) + ")");
        }
        if (c.credits() < 0) {
            throw new InvalidConfigException("access.self_service.credits: " + c.credits() + " is below 0");
        }
        if (c.creditsPerRun() < 1) {
            throw new InvalidConfigException("access.self_service.credits_per_run: " + c.creditsPerRun()
                    + " is below 1");
        }
        if (c.perAddress().limit() < 1 || c.perAddress().window().isNegative() || c.perAddress().window().isZero()) {
            throw new InvalidConfigException("access.self_service.per_address: limit must be at least 1 and window"
                    + " above 0");
        }
        return c;
    }

    /** Credits one run of a self-service key takes. */
    public long creditsPerRun() {
        return config.creditsPerRun();
    }

    @Override
    public void register(JavalinConfig config) {
        for (String base : List.of("", "/v1/agent-coderunner")) {
            config.routes.post(base + PATH, this::create, AccessClass.OPEN);
        }
    }

    @Override
    public List<ErrorFormat> errorFormats() {
        return List.of(ErrorFormat.forPrefixes((ctx, e) -> ctx.json(Map.of("error", e.getMessage(), "code", e.code())),
                "/api/keys/"));
    }

    private void create(Context ctx) {
        if (!config.enabled()) {
            throw new ApiException(403, "self_service_disabled", "this server does not hand out keys itself; ask its"
                    + " operator for one (or to set access.self_service.enabled)", null, null);
        }
        SignupLimiter.Verdict v = limiter.tryCreate(ctx.ip());
        if (!v.counted()) {
            int wait = (int) Math.min(Integer.MAX_VALUE, v.waitSeconds());
            throw ApiException.busy(v.tableFull() ? "too many addresses created keys lately; try again in " + wait + " s"
                    : "this address created its " + config.perAddress().limit() + " keys of the last "
                    + describe(config.perAddress().window()) + "; try again in " + wait + " s", wait);
        }
        KeyService.Created c = keys.createWithCredits(config.plan(), "self-service", config.credits());
        ctx.status(201).json(Json.MAPPER.createObjectNode().put("key", c.secret()).put("credits", config.credits())
                .put("docs", docs(ctx)).put("id", c.key().id())
                .put("plan", c.key().plan()).put("credits_per_run", config.creditsPerRun()));
    }

    /** This server's {@code /docs}, as the client reached the server. */
    private static String docs(Context ctx) {
        String url = ctx.url();
        return url.substring(0, url.length() - ctx.path().length()) + "/docs";
    }

    private static String describe(java.time.Duration d) {
        return d.toSeconds() % 3600 == 0 ? d.toHours() + " h" : d.toSeconds() % 60 == 0 ? d.toMinutes() + " min"
                : d.toSeconds() + " s";
    }
}
