/**
 * Warm compilers: long-lived compiler processes, each in a box of its own with the compile stage's limits, that
 * compile one request after another as the compile command would in a box of its own, without paying the
 * compiler's start each time. {@link io.runbox.execution.warm.WarmCompilers} keeps them; a request a warm compiler
 * may not or cannot serve compiles in a box of its own.
 */
package io.runbox.execution.warm;
