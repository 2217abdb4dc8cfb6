/**
 * PostgreSQL implementations of the store SPIs, for a cluster: any number of nodes share the database through
 * their own connection pools. Claims take rows with {@code FOR UPDATE SKIP LOCKED}, so nodes never get the same
 * job or delivery and never wait for each other; an enqueue tells every node with {@code NOTIFY runbox_jobs}.
 */
package io.runbox.store.postgres;
