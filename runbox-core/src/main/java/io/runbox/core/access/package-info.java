/**
 * Who may call: API keys (stored only as hashes), their types and plans, and the store that keeps them with
 * their monthly usage and credit balances; and the limits that must hold for a key across every node of a
 * cluster: its token bucket ({@link io.runbox.core.access.RateBuckets}) and its concurrent-run slots
 * ({@link io.runbox.core.access.RunSlots}).
 */
package io.runbox.core.access;
