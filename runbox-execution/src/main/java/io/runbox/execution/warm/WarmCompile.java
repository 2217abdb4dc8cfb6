package io.runbox.execution.warm;

import io.runbox.core.BoxResult;
import io.runbox.execution.compile.CompiledTree;

/**
 * A compile a warm compiler served.
 *
 * @param box  what the compile printed, its exit code, wall and CPU time, and the memory its compiler held; never
 *             a limit's end (a compile that reached one is compiled again in a box of its own)
 * @param tree the workspace as the compile left it (sources and what the compiler wrote), read through the safe
 *             file layer; {@code null} when the compile failed
 */
public record WarmCompile(BoxResult box, CompiledTree tree) {
}
