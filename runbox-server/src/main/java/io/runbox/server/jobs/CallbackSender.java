package io.runbox.server.jobs;

import io.runbox.core.jobs.CallbackDelivery;
import io.runbox.core.jobs.CallbackOutbox;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers results from the outbox: sends each due body, signed, to its URL (with POST, or the method its job's kind
 * asks for). A 2xx answer ends it; any
 * other answer or a connection error schedules the next try after {@code firstRetry}, then three times
 * longer each time, until {@code maxAttempts} tries have failed. Deliveries pending at a crash are due
 * again at start (one that was in flight, once its timeout has passed). Each try resolves the URL's host
 * once ({@link CallbackTargets#resolve}) and connects to exactly the addresses that were checked
 * ({@link PinnedResolver}), on a connection of its own.
 *
 * <p>Deliveries run concurrently, at most {@code concurrency} at once and at most {@code perHost} to one host:
 * a receiver that never answers holds that many tries for up to {@code timeout} each, and every other
 * receiver is still served. A due delivery whose host is at its bound waits for a later round. Deliveries are
 * claimed from the outbox ({@link CallbackOutbox#claim}), so of several nodes sharing a store each delivery is
 * tried by one at a time; every try carries the delivery's key ({@value #DELIVERY_HEADER}).
 */
public final class CallbackSender {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackSender.class);
    /**
     * The delivery's idempotency key: the same on every try of one delivery, whichever node makes it, so a receiver
     * that keeps the keys it answered 2xx to can drop a repeat (a try whose answer was lost with its node).
     */
    public static final String DELIVERY_HEADER = "X-Runbox-Delivery";
    private static final Duration TICK = Duration.ofMillis(200);
    private static final int PAGE = 64;
    /** How long a delivery whose host is at its bound waits before it is looked at again. */
    private static final Duration HOST_BUSY_WAIT = Duration.ofSeconds(1);
    /** Beyond a try's timeout, before a try that never reported (the process died) is due again. */
    private static final Duration IN_FLIGHT_SLACK = Duration.ofSeconds(5);

    /**
     * @param maxAttempts tries before a delivery is given up
     * @param firstRetry  delay before the first retry; each next one is three times longer
     * @param timeout     of one try, connection included
     * @param concurrency tries in flight at once
     * @param perHost     tries in flight at once to one host
     */
    public record Settings(int maxAttempts, Duration firstRetry, Duration timeout, int concurrency, int perHost) {
        public Settings {
            if (maxAttempts < 1 || concurrency < 1 || perHost < 1) {
                throw new IllegalArgumentException("callbacks: max_attempts, concurrency and per_host must be at least 1");
            }
        }
    }

    private final CallbackOutbox outbox;
    private final CallbackSigner signer;
    private final CallbackTargets targets;
    private final Settings settings;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("runbox-callbacks").daemon(true).unstarted(r));
    private final ExecutorService tries = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("runbox-callback-", 0).factory());
    /** Tries in flight, by delivery id and by host; changed by the ticker (up) and by finished tries (down). */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> perHost = new ConcurrentHashMap<>();
    private final Map<String, HttpMethod> methods;

    public CallbackSender(CallbackOutbox outbox, CallbackSigner signer, CallbackTargets targets, Settings settings,
                          Clock clock) {
        this(outbox, signer, targets, settings, clock, Map.of());
    }

    /** @param methods the HTTP method of each job kind's callbacks that are not POSTed ({@code PUT} for Judge0's) */
    public CallbackSender(CallbackOutbox outbox, CallbackSigner signer, CallbackTargets targets, Settings settings,
                          Clock clock, Map<String, String> methods) {
        this.methods = methods.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> HttpMethod.fromString(e.getValue())));
        this.outbox = outbox;
        this.signer = signer;
        this.targets = targets;
        this.settings = settings;
        this.clock = clock;
        this.http = new HttpClient();
        http.setConnectTimeout(settings.timeout().toMillis());
        http.setFollowRedirects(false);
        http.setSocketAddressResolver(new PinnedResolver());
        // Every try has a destination of its own (its pinned addresses); forget them once idle.
        http.setDestinationIdleTimeout(settings.timeout().toMillis());
        http.setUserAgentField(null);
    }

    public void start() {
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the callback HTTP client", e);
        }
        ticker.scheduleWithFixedDelay(this::dispatchDue, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes no new tries and abandons those in flight; they are due again after their timeout. */
    public void stop() {
        ticker.shutdownNow();
        tries.shutdownNow();
        try {
            http.stop();
        } catch (Exception e) {
            LOG.warn("stopping the callback HTTP client failed", e);
        }
    }

    /** The delay before try number {@code attempt + 1}, after {@code attempt} failures (1-based). */
    Duration backoff(int failures) {
        return settings.firstRetry().multipliedBy((long) Math.pow(3, failures - 1));
    }

    /** One round on the ticker thread: starts a try for each due delivery that the bounds admit. */
    private void dispatchDue() {
        List<CallbackDelivery> starting = new ArrayList<>();
        try {
            Instant now = clock.instant();
            int room = Math.min(PAGE, settings.concurrency() - inFlight.size());
            if (room <= 0) {
                return;
            }
            List<Long> busy = new ArrayList<>();
            // Claimed: no other node (nor a later round here) gets them until a try had time to report; due again
            // then only if it never did (the process died during it).
            for (CallbackDelivery d : outbox.claim(now, room, now.plus(settings.timeout()).plus(IN_FLIGHT_SLACK))) {
                if (inFlight.contains(d.id())) {
                    continue;
                }
                String host = host(d.url());
                if (perHost.getOrDefault(host, 0) >= settings.perHost()) {
                    busy.add(d.id());
                    continue;
                }
                inFlight.add(d.id());
                perHost.merge(host, 1, Integer::sum);
                starting.add(d);
            }
            outbox.postpone(busy, now.plus(HOST_BUSY_WAIT));
        } catch (RuntimeException e) {
            LOG.error("callback delivery round failed", e);
            starting.forEach(this::finished);
            return;
        }
        for (CallbackDelivery d : starting) {
            try {
                tries.execute(() -> {
                    try {
                        deliver(d);
                    } catch (RuntimeException e) {
                        LOG.error("the callback of job {} failed unexpectedly; it is due again later", d.jobId(), e);
                    } finally {
                        finished(d);
                    }
                });
            } catch (RejectedExecutionException e) {
                finished(d); // Stopping.
            }
        }
    }

    private void finished(CallbackDelivery d) {
        perHost.computeIfPresent(host(d.url()), (h, n) -> n == 1 ? null : n - 1);
        inFlight.remove(d.id());
    }

    /** The host a delivery counts against (lower case; empty for a URL without one, which its try refuses). */
    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private void deliver(CallbackDelivery d) {
        String error;
        try {
            CallbackTargets.Target target = targets.resolve(d.url());
            ContentResponse resp = http.newRequest(target.uri())
                    .method(methods.getOrDefault(d.kind(), HttpMethod.POST))
                    .tag(target)
                    .timeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                    .headers(h -> h.put(HttpHeader.USER_AGENT, "Runbox-Callback/1")
                            .put(HttpHeader.CONNECTION, "close")
                            .put(CallbackSigner.HEADER, signer.sign(d.body()))
                            .put("X-Runbox-Job", d.jobId())
                            .put(DELIVERY_HEADER, d.deliveryKey())
                            .put("X-Runbox-Delivery-Attempt", Integer.toString(d.attempts() + 1)))
                    .body(new StringRequestContent("application/json", d.body()))
                    .send();
            if (resp.getStatus() / 100 == 2) {
                outbox.delivered(d.id());
                return;
            }
            error = "HTTP " + resp.getStatus();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        int failures = d.attempts() + 1;
        if (failures >= settings.maxAttempts()) {
            LOG.warn("giving up the callback of job {} to {} after {} tries: {}", d.jobId(), d.url(), failures, error);
            outbox.giveUp(d.id(), error);
        } else {
            outbox.retryAt(d.id(), clock.instant().plus(backoff(failures)), error);
        }
    }
}
