/**
 * Persistent sessions over HTTP: {@code /api/sessions} in the agent-runner shape and {@code /v1/sessions} in
 * the native one. A session belongs to the key that created it; other keys get 404.
 */
package io.runbox.server.api.sessions;
