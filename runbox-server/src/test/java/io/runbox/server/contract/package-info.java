/**
 * Contract tests: each seed document's examples, request for request (host changed to a test server), and
 * third-party clients driven against the real server.
 */
package io.runbox.server.contract;
