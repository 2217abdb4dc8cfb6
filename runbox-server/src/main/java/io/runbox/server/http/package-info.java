/**
 * The HTTP layer shared by every front door: the Javalin app, JSON errors ({@code {error: {code, message,
 * field?}}}) with the fitting status, request ids and the Wandbox-style envelope.
 */
package io.runbox.server.http;
