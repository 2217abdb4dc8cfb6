package io.runbox.server.api.agentrunner;

/** The body of {@code POST /api/execute}. */
public record AgentRunRequest(String language, String code, String stdin) {
}
