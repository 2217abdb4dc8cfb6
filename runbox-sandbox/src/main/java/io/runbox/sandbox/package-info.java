/**
 * The bubblewrap backend of {@link io.runbox.core.Sandbox}: each box is a fresh set of namespaces with
 * read-only toolchains, a private workspace at {@code /box}, an unprivileged host uid, a seccomp deny-list,
 * rlimits and its own cgroup. Boxes are started for their command, or set up ahead of the request that will
 * use them (warm boxes) and released to run it; either way a box serves one run and is destroyed after it.
 */
package io.runbox.sandbox;
