/**
 * The Runbox process: {@link io.runbox.server.Runbox} is the only composition root; everything else receives
 * what it needs through its constructor.
 */
package io.runbox.server;
