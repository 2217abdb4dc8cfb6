/**
 * The files a run leaves that come back with its result ({@code output_files}, {@code output_images}, the figures
 * {@code plt.show()} saves): chosen by glob, typed by their first bytes, capped by the caller's plan, and read only
 * through the safe file layer ({@link io.runbox.sandbox.fs.BoxTree}).
 */
package io.runbox.execution.outputs;
