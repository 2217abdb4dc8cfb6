package io.runbox.server.jobs;

import io.runbox.core.jobs.CallbackDelivery;
import io.runbox.core.jobs.CallbackOutbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers results from the outbox: POSTs each due body, signed, to its URL. A 2xx answer ends it; any
 * other answer or a connection error schedules the next try after {@code firstRetry}, then three times
 * longer each time, until {@code maxAttempts} tries have failed. Deliveries pending at a crash are due
 * again at start.
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
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    public void start() {
        ticker.scheduleWithFixedDelay(this::deliverDue, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void stop() {
        ticker.shutdownNow();
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
            targets.check(d.url());
            HttpRequest req = HttpRequest.newBuilder(URI.create(d.url()))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Runbox-Callback/1")
                    .header(CallbackSigner.HEADER, signer.sign(d.body()))
                    .header("X-Runbox-Job", d.jobId())
                    .header("X-Runbox-Delivery-Attempt", Integer.toString(d.attempts() + 1))
                    .POST(HttpRequest.BodyPublishers.ofString(d.body()))
                    .build();
            HttpResponse<Void> resp = http.send(req, HttpResponse.BodyHandlers.discarding());
            if (resp.statusCode() / 100 == 2) {
                outbox.delivered(d.id());
                return;
            }
            error = "HTTP " + resp.statusCode();
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
