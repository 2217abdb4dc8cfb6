/**
 * Who may call: API keys (stored only as hashes), their types and plans, and the store that keeps them with
 * their monthly usage and credit balances.
 */
package io.runbox.core.access;
