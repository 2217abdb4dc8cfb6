package io.runbox.sandbox.cgroup;

/**
 * Accounting read from a cgroup.
 *
 * @param cpuMs           CPU time of all processes that ever ran in it
 * @param peakMemoryBytes the most memory in use at once
 * @param oomKilled       whether the kernel's OOM killer killed a process for the memory limit
 */
public record CgroupUsage(long cpuMs, long peakMemoryBytes, boolean oomKilled) {
}
