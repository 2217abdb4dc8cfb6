/**
 * Cluster mode: many identical nodes on one PostgreSQL store. Each node announces itself in the store's node list
 * with a heartbeat ({@link io.runbox.server.cluster.NodePresence}), any node lists the cluster
 * ({@code GET /admin/nodes}), and a node stopping drains first. On the embedded SQLite store the one node lists
 * itself the same way.
 */
package io.runbox.server.cluster;
