/**
 * The listening socket and its guards against slow and greedy clients: a per-address connection cap, a
 * deadline for each request's headers and body, and an idle timeout, so that connections cost the server
 * bounded file descriptors and time whatever a client sends. Also the watch for clients that hang up while
 * their request is being served, so that the work done for them stops with them.
 */
package io.runbox.server.connections;
