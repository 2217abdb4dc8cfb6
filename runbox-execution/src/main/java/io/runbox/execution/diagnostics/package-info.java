/**
 * Diagnostics: what a compiler or interpreter printed about places in the program, read into
 * {@link io.runbox.core.Diagnostic}s for the stage that printed it. A language's {@code diagnostics:} section
 * ({@link io.runbox.execution.catalogue.DiagnosticsSpec}) says how: a line's regex where one can read it, a parser
 * written here where it cannot (rustc's two-line form, Python, Node and Ruby tracebacks). Only places in the request's
 * own files come back, named as the request named them; the work is bounded whatever a program prints.
 */
package io.runbox.execution.diagnostics;
