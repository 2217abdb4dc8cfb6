/**
 * The agent-runner-style dialect: {@code POST /api/execute} and {@code GET /api/run/{language}?code=},
 * answering {@code {id, language, exitCode, stdout, stderr, duration, timedOut, truncated}}. Also served
 * under the {@code /v1/agent-coderunner} prefix the documents use.
 */
package io.runbox.server.api.agentrunner;
