package io.runbox.server.cluster;

import io.runbox.core.cluster.Node;
import io.runbox.core.cluster.NodeRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node in the cluster's node list: registers it at start, renews its heartbeat every
 * {@link #HEARTBEAT}, re-registers it when its row was dropped (after the database or this node was away too long),
 * and drops the rows of nodes silent for {@link #SILENCE} (any node may: the one that notices first). A store that
 * cannot be reached is logged and tried again at the next beat; the node goes on serving what needs no store.
 */
public final class NodePresence implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodePresence.class);
    /** How often this node says it is alive. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(5);
    /** A node that has not said it is alive for this long is gone from the list. */
    public static final Duration SILENCE = Duration.ofSeconds(30);

    private final NodeRegistry registry;
    private final String nodeId;
    private final Clock clock;
    private final Instant startedAt;
    private volatile ThisNode node;
    private volatile boolean databaseAnswers = true;
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("runbox-node-heartbeat").daemon(true).unstarted(r));
    private volatile String state = Node.SERVING;

    public NodePresence(NodeRegistry registry, String nodeId, Clock clock) {
        this.registry = registry;
        this.nodeId = nodeId;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    public String nodeId() {
        return nodeId;
    }

    /** Whether the store answered this node's last heartbeat (true before the first). */
    public boolean databaseAnswers() {
        return databaseAnswers;
    }

    /**
     * Registers this node (a store that cannot answer now is retried at the next beat) and starts the beats.
     *
     * @param node this node, with the id {@link #nodeId()}
     */
    public void start(ThisNode node) {
        this.node = node;
        beat();
        long period = HEARTBEAT.toMillis();
        beats.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    /** This node takes no new work: the list says so at once. */
    public void drain() {
        state = Node.DRAINING;
        beats.execute(this::beat);
    }

    private void beat() {
        ThisNode node = this.node;
        if (node == null) {
            return;
        }
        try {
            Instant now = clock.instant();
            if (!registry.heartbeat(node.id(), now, state)) {
                registry.register(new Node(node.id(), node.address(), node.version(), node.slots(),
                        node.languages(), startedAt, now, state));
            }
            int gone = registry.forget(now.minus(SILENCE));
            if (gone > 0) {
                LOG.warn("{} node(s) silent for {} s left the node list", gone, SILENCE.toSeconds());
            }
            databaseAnswers = true;
        } catch (RuntimeException e) {
            databaseAnswers = false;
            LOG.warn("node heartbeat failed (the store is unavailable?): {}", e.getMessage());
        }
    }

    /** Stops the beats and takes this node off the list. */
    @Override
    public void close() {
        beats.shutdownNow();
        try {
            beats.awaitTermination(5, TimeUnit.SECONDS);
            registry.leave(nodeId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("could not take this node off the node list: {}", e.getMessage());
        }
    }
}
