package io.runbox.server.access;

import io.javalin.config.JavalinConfig;
import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.Roles;
import io.javalin.security.RouteRole;
import io.runbox.core.access.ApiKey;
import io.runbox.core.access.BucketTake;
import io.runbox.core.access.KeyStore;
import io.runbox.core.access.KeyType;
import io.runbox.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The gate in front of every door, by the door's {@link AccessClass}. For a door that needs a key it finds the key
 * ({@code Authorization: KEY}, {@code Authorization: Bearer KEY}, {@code x-runbox-key}, {@code x-oanor-key} on
 * Wandbox-style paths, and a door's own {@link KeyHeader}, such as Judge0's {@code X-Auth-Token}):
 * missing, unknown or revoked is 401, a widget key on a REST door is 403. Then the key's plan: its token
 * bucket, its monthly quota (counted by {@link UsageCounter}) and, for synchronous executions, its concurrent-run cap;
 * the real-time doors admit each run they start the same way ({@link #admitRun}). Each refusal is 429 with {@code Retry-After} and {@code RateLimit-*} headers. A key's
 * bucket and slots are counted by {@link KeyLimits}: for the whole cluster when the store is shared. Without a key,
 * the anonymous tier applies when it is on, limited per client address by each node on its own. Last, every run a metered (self-service) key starts, on
 * any door, spends its credits ({@link CreditMeter}): 402 once they are used up; a REST request that ends refused
 * (status 400 and up: malformed, over a cap, server busy) gets them back.
 */
public final class AccessControl {
    private static final String RELEASE = "runbox.concurrencyRelease";
    private static final String REFUND = "runbox.creditRefund";

    private final KeyService keys;
    private final UsageCounter usage;
    private final Plans plans;
    private final Anonymous anonymous;
    private final String adminTokenHash;
    private final Clock clock;
    private final KeyLimits limits;
    private final RateLimiters anonymousRates = new RateLimiters();
    private final CreditMeter credits;

    /** Where the {@code RateLimit-*} figures of a check go: response headers, or nowhere. */
    @FunctionalInterface
    private interface LimitHeaders {
        LimitHeaders NONE = (limit, remaining, reset) -> { };

        void set(long limit, long remaining, long resetSeconds);

        static LimitHeaders of(Context ctx) {
            return (limit, remaining, reset) -> {
                ctx.header("RateLimit-Limit", Long.toString(limit));
                ctx.header("RateLimit-Remaining", Long.toString(remaining));
                ctx.header("RateLimit-Reset", Long.toString(reset));
            };
        }
    }

    /** The anonymous tier: off, or on with a rate per client address per minute. */
    public record Anonymous(boolean enabled, long requestsPerMinute) {
    }

    /**
     * @param usage         where calls are counted against monthly quotas (the caller closes it after the server stops)
     * @param limits        where keys' buckets and slots are counted (the caller closes it after the server stops)
     * @param creditsPerRun what a run of a metered key takes from its balance
     */
    public AccessControl(KeyService keys, UsageCounter usage, KeyLimits limits, Plans plans, Anonymous anonymous,
                         String adminTokenHash, Clock clock, KeyStore store, long creditsPerRun) {
        this.keys = keys;
        this.limits = limits;
        this.credits = new CreditMeter(store, creditsPerRun);
        this.usage = usage;
        this.plans = plans;
        this.anonymous = anonymous;
        this.adminTokenHash = adminTokenHash;
        this.clock = clock;
    }

    /**
     * Checks each request that Javalin matched to a route or a static file against that door's {@link AccessClass}
     * (its route role; a {@code HEAD} that Javalin answers for a {@code GET} route takes that route's class) before
     * the door runs. Requests that match nothing (404, 405, a CORS preflight without an {@code OPTIONS} route) are
     * not checked: nothing is served to them.
     */
    public void install(JavalinConfig config) {
        JavalinState app = config.unsafe;
        config.routes.beforeMatched(ctx -> check(ctx, accessClass(ctx, app)));
        config.routes.after(ctx -> {
            Runnable release = ctx.attribute(RELEASE);
            if (release != null) {
                ctx.attribute(RELEASE, null);
                release.run();
            }
            ApiKey charged = ctx.attribute(REFUND);
            if (charged != null && ctx.statusCode() >= 400) {
                // Refused after admission (malformed, over a cap, server busy, client gone): no run, no cost.
                ctx.attribute(REFUND, null);
                credits.refundRun(charged);
            }
        });
    }

    private static AccessClass accessClass(Context ctx, JavalinState app) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty() && HandlerType.HEAD.equals(ctx.method())) {
            ParsedEndpoint get = app.internalRouter.findFirstHttpHandlerEntry(HandlerType.GET, ctx.path());
            Roles declared = get == null ? null : get.endpoint.metadata(Roles.class);
            roles = declared == null ? Set.of() : declared.getRoles();
        }
        return AccessClass.of(roles, ctx.method() + " " + ctx.path());
    }

    private void check(Context ctx, AccessClass access) {
        switch (access) {
            case OPEN, SELF_AUTHENTICATED -> { }
            case ADMIN -> checkAdmin(presentedKey(ctx, false));
            case KEY, KEY_EXECUTION, KEY_SYNC_EXECUTION, KEY_SYNC_EXECUTION_OANOR -> checkKey(ctx, access);
        }
    }

    private void checkAdmin(String presented) {
        if (presented == null || !MessageDigest.isEqual(KeyService.hash(presented).getBytes(StandardCharsets.US_ASCII),
                adminTokenHash.getBytes(StandardCharsets.US_ASCII))) {
            throw new ApiException(401, "unauthorized", "the admin API needs the admin token"
                    + " (Authorization: Bearer ADMIN_TOKEN)", null, null);
        }
    }

    private void checkKey(Context ctx, AccessClass access) {
        String presented = presentedKey(ctx, access.acceptsOanorKey());
        if (presented == null) {
            presented = KeyHeader.presented(ctx);
        }
        if (presented == null) {
            if (!anonymous.enabled()) {
                throw new ApiException(401, "missing_key", "an API key is required: send it as "
                        + (access.acceptsOanorKey() ? "'x-oanor-key: KEY', " : "") + "'Authorization: Bearer KEY' or"
                        + " 'x-runbox-key: KEY' (create one with ./runbox keys create)", null, null);
            }
            limitAnonymous(LimitHeaders.of(ctx), ctx.ip());
            return;
        }
        ApiKey key = liveKey(presented);
        if (key.type() != KeyType.API) {
            throw new ApiException(403, "wrong_key_type", "a " + key.type().wire() + " key cannot call " + ctx.path()
                    + "; use an api key (widget keys are for the WebSocket doors and the widget)", null, null);
        }
        Plan plan = planOf(key);
        new Caller(key, plan).attach(ctx);
        Runnable release = admit(LimitHeaders.of(ctx), key, plan, access.syncExecution(), access.execution(), ctx);
        if (release != null) {
            ctx.attribute(RELEASE, release);
        }
    }

    /**
     * The caller of a real-time door (WebSocket, Socket.IO), which authenticates itself: an {@code api} key, or a
     * {@code widget} key whose allowed origins include the page's {@code Origin}. Refusals are 401 (no, unknown
     * or revoked key) and 403 (an origin the widget key does not allow). Counts nothing: each run the connection
     * starts is admitted with {@link #admitRun}.
     *
     * <p>A key of any other type is refused (403 {@code key_not_for_pages}) from a page of another site: a browser
     * always sends the page's {@code Origin} with a WebSocket, and a key a page holds is visible to all who open it.
     * The server's own pages (the playground: {@code Origin} names the host the request came to) and clients that
     * are not browsers (no {@code Origin}) may use any key.
     *
     * @param hosts the host the request came to: its {@code Host} header and, behind a proxy that rewrites that, the
     *              {@code X-Forwarded-Host} the proxy adds (a page cannot set either on a WebSocket); {@code null}s
     *              are ignored
     */
    public Caller authenticateRealtime(String presented, String origin, String... hosts) {
        if (presented == null || presented.isBlank()) {
            if (anonymous.enabled()) {
                return Caller.anonymous();
            }
            throw new ApiException(401, "missing_key", "an API key is required: send it in the Authorization header"
                    + " or as ?key=", null, null);
        }
        ApiKey key = liveKey(presented);
        if (key.type() == KeyType.WIDGET && (origin == null || !Origins.allowed(key.origins(), origin))) {
            throw new ApiException(403, "origin_not_allowed", "this widget key may only be used from "
                    + String.join(", ", key.origins()) + (origin == null ? " (the request has no Origin)"
                    : ", not from " + origin), null, null);
        }
        if (key.type() != KeyType.WIDGET && origin != null && !Origins.sameAsHost(origin, hosts)) {
            throw new ApiException(403, "key_not_for_pages", "a key of type " + key.type().wire() + " cannot be used"
                    + " from a web page of another site (" + origin + "): everyone who opens the page could read it;"
                    + " use a widget key that allows this origin (./runbox keys create --type widget --origin "
                    + origin + ")", null, null);
        }
        return new Caller(key, planOf(key));
    }

    /** A run admitted by {@link #admitRun}: holds one of its key's concurrent-run slots until closed. */
    public interface Admission extends AutoCloseable {
        /** Frees the slot; closing twice frees it once. */
        @Override
        void close();
    }

    /**
     * Admits one run on a door that starts runs outside REST's routing (a WebSocket or Socket.IO connection):
     * exactly what a synchronous REST execution passes. A key's run is one call against its plan's rate and
     * monthly quota, takes one of its concurrent-run slots, shared with its REST executions, and spends its credits
     * when the key is metered; an anonymous run counts against the anonymous rate of {@code client} (its address).
     *
     * @throws ApiException 429 with {@link ApiException#retryAfterSeconds()} when any of them refuses, 402 when the
     *                      key's credits are used up
     */
    public Admission admitRun(Caller caller, String client) {
        if (caller.key() == null) {
            limitAnonymous(LimitHeaders.NONE, client);
            return () -> { };
        }
        return admission(admit(LimitHeaders.NONE, caller.key(), caller.plan(), true, true, null));
    }

    /**
     * One of the key's concurrent-run slots for a run whose call was already counted (an MCP tool call, counted
     * by {@link #authenticateApi}), and the run's credits when the key is metered; anonymous callers have no cap of
     * their own.
     *
     * @throws ApiException 429 with {@link ApiException#retryAfterSeconds()} when the key runs its cap already, 402
     *                      when its credits are used up
     */
    public Admission holdRunSlot(Caller caller) {
        return caller.key() == null ? admission(null)
                : admission(takeSlotAndCredits(LimitHeaders.NONE, caller.key(), caller.plan(), null));
    }

    /**
     * The credits of a run whose call was already counted and that holds no slot (an MCP session call); nothing for
     * an anonymous caller or a key that is not metered.
     *
     * @throws ApiException 402 when the key's credits are used up
     */
    public void spendRun(Caller caller) {
        if (caller.key() != null) {
            credits.spendRun(caller.key());
        }
    }

    private static Admission admission(Runnable release) {
        if (release == null) {
            return () -> { };
        }
        AtomicBoolean held = new AtomicBoolean(true);
        return () -> {
            if (held.compareAndSet(true, false)) {
                release.run();
            }
        };
    }

    /**
     * The caller of a door outside Javalin's routing (the MCP servlet): an {@code api} key under the same
     * rules as every REST door (401, 403, then its plan's rate limit and monthly quota: 429).
     */
    public Caller authenticateApi(String presented, String clientIp) {
        if (presented == null || presented.isBlank()) {
            if (anonymous.enabled()) {
                limitAnonymous(LimitHeaders.NONE, clientIp);
                return Caller.anonymous();
            }
            throw new ApiException(401, "missing_key", "an API key is required: 'Authorization: Bearer KEY'", null, null);
        }
        ApiKey key = liveKey(presented);
        if (key.type() != KeyType.API) {
            throw new ApiException(403, "wrong_key_type", "a " + key.type().wire() + " key cannot call the MCP endpoint",
                    null, null);
        }
        Plan plan = planOf(key);
        admit(LimitHeaders.NONE, key, plan, false, false, null);
        return new Caller(key, plan);
    }

    /** The live key a secret names: 401 when it names none or a revoked one. */
    private ApiKey liveKey(String presented) {
        ApiKey key = keys.find(presented.trim()).orElseThrow(() -> new ApiException(401, "invalid_key",
                "the API key is not valid", null, null));
        if (key.revoked()) {
            throw new ApiException(401, "revoked_key", "the API key " + key.id() + " was revoked", null, null);
        }
        return key;
    }

    private Plan planOf(ApiKey key) {
        return plans.find(key.plan()).orElseThrow(() -> new ApiException(403, "unknown_plan",
                "the key's plan '" + key.plan() + "' is not configured on this server", null, null));
    }

    /** The key in an {@code Authorization} value, {@code Bearer KEY} or bare {@code KEY}; {@code null} if blank. */
    public static String bearer(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return null;
        }
        String a = authorization.trim();
        return a.regionMatches(true, 0, "Bearer ", 0, 7) ? a.substring(7).trim() : a;
    }

    /**
     * The one place a key's call is counted: its plan's rate, its monthly quota, for a synchronous execution one of
     * its concurrent-run slots, and for any run ({@code run}; a synchronous execution is one) the credits of a
     * metered key.
     *
     * @param request the REST request, whose credits are given back when it ends refused (status 400 and up), or
     *                {@code null} on the other doors
     * @return the slot's release for a synchronous execution under a cap, else {@code null}
     */
    private Runnable admit(LimitHeaders headers, ApiKey key, Plan plan, boolean syncExecution, boolean run,
                           Context request) {
        if (plan.requestsPerSecond() != null) {
            limitRate(headers, limits.takeToken(key.id(), plan.requestsPerSecond(), Duration.ofSeconds(1)),
                    plan.requestsPerSecond(), Duration.ofSeconds(1));
        }
        countMonthly(headers, key, plan);
        if (syncExecution) {
            return takeSlotAndCredits(headers, key, plan, request);
        }
        if (run) {
            spend(key, request);
        }
        return null;
    }

    /** A slot ({@link #takeSlot}), then the run's credits; the slot is freed again when the credits refuse. */
    private Runnable takeSlotAndCredits(LimitHeaders headers, ApiKey key, Plan plan, Context request) {
        Runnable release = takeSlot(headers, key, plan);
        try {
            spend(key, request);
        } catch (RuntimeException e) {
            if (release != null) {
                release.run();
            }
            throw e;
        }
        return release;
    }

    /** The run's credits; a REST request remembers them, to give them back if it ends refused. */
    private void spend(ApiKey key, Context request) {
        if (credits.spendRun(key) && request != null) {
            request.attribute(REFUND, key);
        }
    }

    /** One of the key's concurrent-run slots: its release, {@code null} without a cap, 429 at the cap. */
    private Runnable takeSlot(LimitHeaders headers, ApiKey key, Plan plan) {
        if (plan.maxConcurrent() == null) {
            return null;
        }
        Runnable release = limits.tryTakeSlot(key.id(), plan.maxConcurrent());
        if (release == null) {
            throw busy(headers, "the key already runs " + plan.maxConcurrent() + " executions at once, its plan's cap",
                    plan.maxConcurrent(), 0, 1);
        }
        return release;
    }

    private void limitAnonymous(LimitHeaders headers, String client) {
        Duration minute = Duration.ofMinutes(1);
        limitRate(headers, anonymousRates.take("ip:" + client, anonymous.requestsPerMinute(), minute),
                anonymous.requestsPerMinute(), minute);
    }

    /** Refuses with 429 when {@code take} got no token from a bucket of {@code perPeriod} a {@code period}. */
    private static void limitRate(LimitHeaders headers, BucketTake take, long perPeriod, Duration period) {
        if (!take.taken()) {
            throw busy(headers, "rate limit of " + perPeriod + " requests per " + describe(period) + " exceeded",
                    perPeriod, 0, wholeSeconds(take.untilNextToken()));
        }
        headers.set(perPeriod, take.remaining(), wholeSeconds(take.untilFull()));
    }

    /** At least one second, rounded up. */
    private static long wholeSeconds(Duration d) {
        return Math.max(1, (d.toNanos() + 999_999_999L) / 1_000_000_000L);
    }

    private void countMonthly(LimitHeaders headers, ApiKey key, Plan plan) {
        Instant now = clock.instant();
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        long used = usage.count(key.id(), month.toString(), now);
        if (plan.requestsPerMonth() != null && used > plan.requestsPerMonth()) {
            long untilNextMonth = Duration.between(now, month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC)
                    .toInstant()).toSeconds();
            throw busy(headers, "monthly quota of " + plan.requestsPerMonth() + " calls used up; it resets on "
                    + month.plusMonths(1).atDay(1), plan.requestsPerMonth(), 0, Math.max(1, untilNextMonth));
        }
    }

    private static ApiException busy(LimitHeaders headers, String message, long limit, long remaining, long retryAfter) {
        headers.set(limit, remaining, retryAfter);
        return ApiException.busy(message, (int) Math.min(Integer.MAX_VALUE, retryAfter));
    }

    private static String describe(Duration period) {
        return period.equals(Duration.ofSeconds(1)) ? "second" : period.equals(Duration.ofMinutes(1)) ? "minute"
                : period.toSeconds() + " s";
    }

    /** The key in the request's headers, if any. */
    static String presentedKey(Context ctx, boolean wandbox) {
        String fromAuthorization = bearer(ctx.header("Authorization"));
        if (fromAuthorization != null) {
            return fromAuthorization;
        }
        String k = ctx.header("x-runbox-key");
        if (k == null && wandbox) {
            k = ctx.header("x-oanor-key");
        }
        return k == null || k.isBlank() ? null : k.trim();
    }
}
