/**
 * The onlinecompiler-style dialect: {@code POST /api/run-code-sync/}, {@code POST /api/run-code/} (202, then
 * the result POSTed to a callback with {@code extra_params}) and {@code GET /api/compilers/}, with compiler
 * identifiers {@code <toolchain>-<version>} of what is installed.
 */
package io.runbox.server.api.onlinecompiler;
