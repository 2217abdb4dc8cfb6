/**
 * Cluster mode: many identical nodes on one PostgreSQL store. Each node announces itself in the store's node list
 * with a heartbeat ({@link io.runbox.server.cluster.NodePresence}), any node lists the cluster
 * ({@code GET /admin/nodes}), and a node stopping drains first. A call about a session (REST or MCP) goes to the node
 * that holds it ({@link io.runbox.server.cluster.SessionForwarding}), signed with the cluster's secret. On the embedded SQLite
 * store the one node lists itself the same way.
 */
package io.runbox.server.cluster;
