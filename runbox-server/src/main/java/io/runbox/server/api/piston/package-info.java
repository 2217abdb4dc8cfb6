/**
 * The Piston v2 dialect, so existing Piston clients work unchanged: {@code POST /api/v2/execute} and
 * {@code GET /api/v2/runtimes} (also under {@code /api/v2/piston/}), errors as {@code {message}}.
 */
package io.runbox.server.api.piston;
