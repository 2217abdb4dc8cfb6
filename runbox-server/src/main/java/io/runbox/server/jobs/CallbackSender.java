package io.runbox.server.jobs;

import io.runbox.core.jobs.CallbackDelivery;
import io.runbox.core.jobs.CallbackOutbox;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
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
 * Delivers results from the outbox: POSTs each due body, signed, to its URL. A 2xx answer ends it; any
 * other answer or a connection error schedules the next try after {@code firstRetry}, then three times
 * longer each time, until {@code maxAttempts} tries have failed. Deliveries pending at a crash are due
 * again at start. Each try resolves the URL's host once ({@link CallbackTargets#resolve}) and connects to
 * exactly the addresses that were checked ({@link PinnedResolver}), on a connection of its own.
 */
public final class CallbackSender {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackSender.class);
    private static final Duration TICK = Duration.ofMillis(200);

    private final CallbackOutbox outbox;
    private final CallbackSigner signer;
    private final CallbackTargets targets;
    private final int maxAttempts;
    private final Duration firstRetry;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("runbox-callbacks").daemon(true).unstarted(r));

    public CallbackSender(CallbackOutbox outbox, CallbackSigner signer, CallbackTargets targets, int maxAttempts,
                          Duration firstRetry, Duration timeout, Clock clock) {
        this.outbox = outbox;
        this.signer = signer;
        this.targets = targets;
        this.maxAttempts = maxAttempts;
        this.firstRetry = firstRetry;
        this.timeout = timeout;
        this.clock = clock;
        this.http = new HttpClient();
        http.setConnectTimeout(timeout.toMillis());
        http.setFollowRedirects(false);
        http.setSocketAddressResolver(new PinnedResolver());
        // Every try has a destination of its own (its pinned addresses); forget them once idle.
        http.setDestinationIdleTimeout(timeout.toMillis());
        http.setUserAgentField(null);
    }

    public void start() {
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the callback HTTP client", e);
        }
        ticker.scheduleWithFixedDelay(this::deliverDue, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void stop() {
        ticker.shutdownNow();
        try {
            http.stop();
        } catch (Exception e) {
            LOG.warn("stopping the callback HTTP client failed", e);
        }
    }

    /** The delay before try number {@code attempt + 1}, after {@code attempt} failures (1-based). */
    Duration backoff(int failures) {
        return firstRetry.multipliedBy((long) Math.pow(3, failures - 1));
    }

    private void deliverDue() {
        try {
            List<CallbackDelivery> due = outbox.due(clock.instant(), 32);
            for (CallbackDelivery d : due) {
                deliver(d);
            }
        } catch (RuntimeException e) {
            LOG.error("callback delivery round failed", e);
        }
    }

    private void deliver(CallbackDelivery d) {
        String error;
        try {
            CallbackTargets.Target target = targets.resolve(d.url());
            ContentResponse resp = http.newRequest(target.uri())
                    .method(HttpMethod.POST)
                    .tag(target)
                    .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .headers(h -> h.put(HttpHeader.USER_AGENT, "Runbox-Callback/1")
                            .put(HttpHeader.CONNECTION, "close")
                            .put(CallbackSigner.HEADER, signer.sign(d.body()))
                            .put("X-Runbox-Job", d.jobId())
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
        if (failures >= maxAttempts) {
            LOG.warn("giving up the callback of job {} to {} after {} tries: {}", d.jobId(), d.url(), failures, error);
            outbox.giveUp(d.id(), error);
        } else {
            outbox.retryAt(d.id(), clock.instant().plus(backoff(failures)), error);
        }
    }
}
