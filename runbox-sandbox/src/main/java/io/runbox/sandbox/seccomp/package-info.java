/**
 * The seccomp deny-list applied to every program in a box, compiled to a classic-BPF program that
 * bubblewrap installs just before it execs the command.
 */
package io.runbox.sandbox.seccomp;
