/**
 * Real-time doors: the streaming WebSocket {@code /v1/ws}, where output arrives as the program writes it and
 * a running program can be typed into.
 */
package io.runbox.server.realtime;
