/**
 * Execution: the request runner turns an {@link io.runbox.core.ExecRequest} into a compile box and a fresh run box, and
 * their observations into an {@link io.runbox.core.ExecResult}. Knows languages, limits and conventions;
 * knows nothing of HTTP wire formats.
 */
package io.runbox.execution;
