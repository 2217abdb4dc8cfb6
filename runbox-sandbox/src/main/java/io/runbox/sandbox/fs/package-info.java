/**
 * The one safe file layer: how the host, as root, touches a workspace after untrusted code may have run in it
 * ({@link io.runbox.sandbox.fs.BoxTree}), the tmpfs each workspace lives on ({@link io.runbox.sandbox.fs.Tmpfs}), and the
 * non-blocking write a warm box is released with ({@link io.runbox.sandbox.fs.FifoWriter}): one set of libc bindings.
 * Nothing here follows a link, opens a FIFO, socket or device a box made for I/O, or costs more than its bounds whatever a
 * program left behind.
 */
package io.runbox.sandbox.fs;
