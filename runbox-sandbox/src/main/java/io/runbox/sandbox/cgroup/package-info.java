/**
 * Resource control and accounting through Linux control groups, in a v1 and a v2 flavour chosen by
 * {@link io.runbox.sandbox.cgroup.CgroupDetector}. A cgroup per box bounds memory (swap off), processes and
 * CPU, reports peak memory, CPU time and OOM kills, and is how the whole process tree is killed.
 */
package io.runbox.sandbox.cgroup;
