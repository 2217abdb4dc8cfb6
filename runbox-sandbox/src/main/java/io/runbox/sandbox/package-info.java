/**
 * The bubblewrap backend of {@link io.runbox.core.Sandbox}: each box is a fresh set of namespaces with
 * read-only toolchains, a private workspace at {@code /box}, an unprivileged host uid, a seccomp deny-list,
 * rlimits and its own cgroup.
 */
package io.runbox.sandbox;
