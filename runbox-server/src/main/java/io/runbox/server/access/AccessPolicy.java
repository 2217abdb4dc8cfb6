package io.runbox.server.access;

import java.util.List;

/**
 * Which paths need what. Catalogue, docs, health, metrics and permlinks are open; {@code /admin} needs the
 * admin token; every other path is a front door that needs a key of type {@code api} (or the anonymous tier).
 * Synchronous execution paths also count against a key's concurrent-run cap.
 */
final class AccessPolicy {
    private static final List<String> OPEN_EXACT = List.of("/health", "/metrics", "/docs", "/openapi.json",
            "/api/compilers", "/api/compilers/", "/v1/languages", "/v1/compilers", "/v1/meta",
            "/codeexec-api/v1/languages", "/codeexec-api/v1/compilers", "/codeexec-api/v1/meta", "/favicon.ico",
            "/", "/index.html", "/widget.js", "/playground.js");
    private static final List<String> OPEN_PREFIXES = List.of("/webjars/", "/p/");
    private static final List<String> SYNC_EXACT = List.of("/v1/execute", "/api/run-code-sync", "/api/run-code-sync/",
            "/v1/run", "/codeexec-api/v1/run", "/api/execute", "/v1/agent-coderunner/api/execute", "/api/v2/execute",
            "/api/v2/piston/execute");
    private static final List<String> SYNC_PREFIXES = List.of("/api/run/", "/v1/agent-coderunner/api/run/");
    private static final List<String> WANDBOX = List.of("/v1/run", "/codeexec-api/");

    private AccessPolicy() {
    }

    static boolean open(String path) {
        return OPEN_EXACT.contains(path) || OPEN_PREFIXES.stream().anyMatch(path::startsWith);
    }

    /** Real-time doors check keys themselves, after the upgrade ({@code ?key=} and origin locks). */
    static boolean selfAuthenticated(String path) {
        return path.equals("/v1/ws") || path.startsWith("/socket.io/") || path.equals("/mcp");
    }

    static boolean admin(String path) {
        return path.equals("/admin") || path.startsWith("/admin/");
    }

    static boolean syncExecution(String path) {
        return SYNC_EXACT.contains(path) || SYNC_PREFIXES.stream().anyMatch(path::startsWith);
    }

    /** The Wandbox-style paths also accept the key in {@code x-oanor-key}, as the oanor documents send it. */
    static boolean wandbox(String path) {
        return WANDBOX.stream().anyMatch(path::startsWith);
    }
}
