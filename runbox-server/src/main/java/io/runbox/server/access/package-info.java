/**
 * Access control for every front door, in the HTTP layer: what each door needs ({@link
 * io.runbox.server.access.AccessClass}, declared where the door is registered), API keys and their types, plans with rate
 * limits, monthly quotas, concurrent-run caps and caps on requested limits, the anonymous tier, the admin
 * API, self-service keys whose credits every run spends, and the first-start bootstrap that gives a newcomer a
 * working key.
 */
package io.runbox.server.access;
