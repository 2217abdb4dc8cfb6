/**
 * Who may call: API keys (stored only as hashes), their types and plans, and the store that keeps them with
 * their monthly usage.
 */
package io.runbox.core.access;
