/**
 * The domain of Runbox: what a caller asks for ({@link io.runbox.core.ExecRequest}), what it gets back
 * ({@link io.runbox.core.ExecResult}), the limits that bound a run, and the small service-provider
 * interfaces that backends implement ({@link io.runbox.core.Sandbox}).
 *
 * <p>Nothing here knows about HTTP, JDBC or bubblewrap; every other module depends inward on this one.
 */
package io.runbox.core;
