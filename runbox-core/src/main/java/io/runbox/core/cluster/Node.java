package io.runbox.core.cluster;

import java.time.Instant;
import java.util.List;

/**
 * One node of a cluster, as it registered and last reported.
 *
 * @param id          unique per process run
 * @param address     where other nodes and operators reach it (host:port)
 * @param version     the Runbox version it runs
 * @param slots       how many runs it takes at once
 * @param languages   the languages it serves
 * @param heartbeatAt when it last reported that it is alive
 * @param state       {@value #SERVING} or {@value #DRAINING}
 */
public record Node(String id, String address, String version, int slots, List<String> languages, Instant startedAt,
                   Instant heartbeatAt, String state) {
    /** Takes new work. */
    public static final String SERVING = "serving";
    /** Finishes what it has and takes nothing new. */
    public static final String DRAINING = "draining";

    public Node {
        languages = List.copyOf(languages);
    }
}
