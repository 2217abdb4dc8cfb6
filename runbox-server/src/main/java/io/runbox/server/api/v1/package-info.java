/**
 * The native API, version 1: {@code POST /v1/execute}, {@code /v1/jobs}, {@code POST /v1/permlinks} (saving code
 * without running it), and the catalogue paths it shares
 * with the Wandbox-style dialect. Wire records named {@code Native*}; {@link io.runbox.server.api.v1.NativeMapper}
 * is the only place that knows both them and the engine's types.
 */
package io.runbox.server.api.v1;
