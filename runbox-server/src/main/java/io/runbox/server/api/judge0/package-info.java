/**
 * The Judge0 CE 1.13 dialect, so that Judge0 clients work unchanged: {@code /submissions} (single and batch, with
 * {@code base64_encoded}, {@code wait} and {@code fields}), {@code /languages}, {@code /statuses} and the information
 * endpoints, at Judge0's root paths and under a configurable prefix. Submissions are jobs of the jobs store (kind
 * {@code judge0}), so a token stays readable after the answer and across restarts; verdicts come from the engine's
 * shared rules ({@link io.runbox.execution.judge.Verdicts}), and Judge0's language ids are data next to each language
 * ({@code languages/<id>/judge0.yaml}).
 */
package io.runbox.server.api.judge0;
