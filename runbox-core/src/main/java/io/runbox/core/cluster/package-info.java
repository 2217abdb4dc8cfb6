/**
 * The nodes of a cluster (several identical Runbox processes on one shared database): who is up, what each
 * serves, and when each last said so ({@link io.runbox.core.cluster.NodeRegistry}); and which node holds each live
 * session ({@link io.runbox.core.cluster.SessionRegistry}).
 */
package io.runbox.core.cluster;
