/**
 * The Wandbox-style dialect (as the oanor documents show it): {@code GET /v1/run}, {@code GET /v1/meta},
 * permlinks ({@code save=true}, {@code GET /p/{id}}), and this dialect's envelope for errors on its paths,
 * including the catalogue paths it shares with the native API. Also served under the {@code /codeexec-api}
 * prefix the documents use. {@code WandboxRoutes} routes, {@code WandboxMapper} maps the query to the engine and
 * back, {@code WandboxPermlinks} saves and shows runs, {@code WandboxMeta} describes the API.
 */
package io.runbox.server.api.wandbox;
