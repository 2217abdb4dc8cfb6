/**
 * The sandbox overhead benchmark, run by {@code ./runbox bench}: hello-world latency of each language run
 * bare and through the {@link io.runbox.core.Sandbox} SPI side by side (in a new box, a warm box and a reused box,
 * {@link io.runbox.bench.BoxModes}), the engine's end-to-end latency,
 * sandboxed throughput under concurrency, and a breakdown of what one box costs (process spawn, launcher,
 * bubblewrap namespaces and mounts, seccomp, cgroup setup and teardown, workspace chown). And the load benchmark,
 * run by {@code ./runbox bench-load}: each language's hello world as a bare cold start on the host side by side with
 * Runbox through HTTP at 1 to 8 concurrent clients, and the keyed calls' access check alone.
 *
 * <p>A plain {@code main}, not a test: it needs root, bubblewrap and the toolchains, and prints tables meant to
 * be pasted into a README.
 */
package io.runbox.bench;
