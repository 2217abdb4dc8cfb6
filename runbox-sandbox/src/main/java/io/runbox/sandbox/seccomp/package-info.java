/**
 * The syscall policy applied to every program in a box ({@link io.runbox.sandbox.seccomp.DenyList}: syscalls
 * denied with an errno, and syscalls such as {@code socket} that run only with allowed arguments), compiled to a
 * classic-BPF program that bubblewrap installs just before it execs the command.
 */
package io.runbox.sandbox.seccomp;
