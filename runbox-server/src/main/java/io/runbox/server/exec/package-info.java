/**
 * Running executions on behalf of the front doors: the gate that bounds how many run at once (sync
 * callers wait in a bounded line, then get 429), and the engine's readiness at start.
 */
package io.runbox.server.exec;
