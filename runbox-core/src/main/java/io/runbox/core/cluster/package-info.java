/**
 * The nodes of a cluster (several identical Runbox processes on one shared database): who is up, what each
 * serves, and when each last said so ({@link io.runbox.core.cluster.NodeRegistry}).
 */
package io.runbox.core.cluster;
