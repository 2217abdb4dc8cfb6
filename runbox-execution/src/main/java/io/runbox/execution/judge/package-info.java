/**
 * Judging: one submission compiled once and run against many test cases, each in a fresh box, with a verdict per
 * case and overall ({@link io.runbox.execution.judge.Verdict}); outputs compared by a
 * {@link io.runbox.execution.judge.Comparison} or decided by a checker program, and interactive problems where an
 * interactor and the solution talk through their standard streams ({@link io.runbox.execution.judge.Judge}).
 */
package io.runbox.execution.judge;
