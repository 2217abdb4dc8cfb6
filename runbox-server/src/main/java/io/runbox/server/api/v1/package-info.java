/**
 * The native API, version 1: {@code POST /v1/execute}, {@code /v1/jobs}, and the catalogue paths it shares
 * with the Wandbox-style dialect. Wire records named {@code Native*}; {@link io.runbox.server.api.v1.NativeMapper}
 * is the only place that knows both them and the engine's types.
 */
package io.runbox.server.api.v1;
