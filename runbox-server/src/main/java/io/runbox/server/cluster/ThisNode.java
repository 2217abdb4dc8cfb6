package io.runbox.server.cluster;

import io.runbox.server.config.RunboxConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.UUID;

/**
 * This node as the cluster's node list shows it.
 *
 * @param id        its name in the list: configured, else new at every start
 * @param address   where other nodes reach it
 * @param version   the Runbox version it runs
 * @param slots     programs it runs at once
 * @param languages the languages installed here: jobs for other languages are left to nodes that have them
 */
public record ThisNode(String id, String address, String version, int slots, List<String> languages) {

    public ThisNode {
        languages = List.copyOf(languages);
    }

    /** The configured node id, else a new random one. */
    public static String id(RunboxConfig.ClusterConfig config) {
        return blank(config.nodeId()) ? "node-" + UUID.randomUUID().toString().substring(0, 8) : config.nodeId();
    }

    /**
     * @param id     from {@link #id}
     * @param config the cluster section
     * @param host   the address the server listens on ({@code 0.0.0.0}: every address, so this host's name is given)
     * @param port   the port it listens on
     */
    public static ThisNode of(String id, RunboxConfig.ClusterConfig config, String host, int port, String version,
                              int slots, List<String> languages) {
        String address = blank(config.address()) ? "http://" + reachableHost(host) + ":" + port : config.address();
        return new ThisNode(id, address, version, slots, languages);
    }

    private static String reachableHost(String host) {
        if (!host.equals("0.0.0.0") && !host.equals("::")) {
            return host.contains(":") ? "[" + host + "]" : host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
