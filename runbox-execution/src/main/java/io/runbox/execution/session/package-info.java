/**
 * Persistent sessions: one long-lived box per session running its language's REPL driver, so that
 * variables, functions, imports and files live between calls.
 */
package io.runbox.execution.session;
