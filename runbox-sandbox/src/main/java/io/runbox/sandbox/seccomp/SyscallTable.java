package io.runbox.sandbox.seccomp;

import java.util.Map;

/**
 * Syscall numbers of one architecture, for the names {@link DenyList} uses. Only x86_64 has a table; it is
 * little-endian, so {@link SeccompFilter} finds the low 32 bits of a syscall argument first in {@code seccomp_data}.
 */
public record SyscallTable(String arch, int auditArch, boolean hasX32Range, Map<String, Integer> numbers) {

    /** x86_64 numbers (arch/x86/entry/syscalls/syscall_64.tbl). */
    public static final SyscallTable X86_64 = new SyscallTable("amd64", 0xC000003E, true, Map.ofEntries(
            Map.entry("socket", 41), Map.entry("socketpair", 53), Map.entry("ptrace", 101), Map.entry("syslog", 103),
            Map.entry("uselib", 134), Map.entry("personality", 135), Map.entry("ustat", 136), Map.entry("sysfs", 139),
            Map.entry("vhangup", 153), Map.entry("modify_ldt", 154), Map.entry("pivot_root", 155),
            Map.entry("_sysctl", 156), Map.entry("adjtimex", 159), Map.entry("chroot", 161), Map.entry("sync", 162),
            Map.entry("acct", 163), Map.entry("settimeofday", 164), Map.entry("mount", 165),
            Map.entry("umount2", 166), Map.entry("swapon", 167), Map.entry("swapoff", 168), Map.entry("reboot", 169),
            Map.entry("sethostname", 170), Map.entry("setdomainname", 171), Map.entry("iopl", 172),
            Map.entry("ioperm", 173), Map.entry("create_module", 174), Map.entry("init_module", 175),
            Map.entry("delete_module", 176), Map.entry("get_kernel_syms", 177), Map.entry("query_module", 178),
            Map.entry("quotactl", 179), Map.entry("nfsservctl", 180), Map.entry("lookup_dcookie", 212),
            Map.entry("clock_settime", 227), Map.entry("mbind", 237), Map.entry("set_mempolicy", 238),
            Map.entry("get_mempolicy", 239), Map.entry("kexec_load", 246), Map.entry("add_key", 248),
            Map.entry("request_key", 249), Map.entry("keyctl", 250), Map.entry("migrate_pages", 256),
            Map.entry("unshare", 272), Map.entry("move_pages", 279), Map.entry("perf_event_open", 298),
            Map.entry("fanotify_init", 300), Map.entry("name_to_handle_at", 303), Map.entry("open_by_handle_at", 304),
            Map.entry("clock_adjtime", 305), Map.entry("syncfs", 306), Map.entry("setns", 308),
            Map.entry("process_vm_readv", 310), Map.entry("process_vm_writev", 311), Map.entry("kcmp", 312),
            Map.entry("finit_module", 313), Map.entry("kexec_file_load", 320), Map.entry("bpf", 321),
            Map.entry("userfaultfd", 323), Map.entry("io_uring_setup", 425), Map.entry("io_uring_enter", 426),
            Map.entry("io_uring_register", 427), Map.entry("open_tree", 428), Map.entry("move_mount", 429),
            Map.entry("fsopen", 430), Map.entry("fsconfig", 431), Map.entry("fsmount", 432), Map.entry("fspick", 433),
            Map.entry("clone3", 435), Map.entry("pidfd_getfd", 438), Map.entry("process_madvise", 440),
            Map.entry("mount_setattr", 442), Map.entry("quotactl_fd", 443), Map.entry("memfd_secret", 447),
            Map.entry("set_mempolicy_home_node", 450), Map.entry("open_tree_attr", 467),
            Map.entry("listns", 470)));

    /** The number of {@code name}; unknown names are a programming error. */
    public int number(String name) {
        Integer n = numbers.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no syscall " + name + " in the " + arch + " table");
        }
        return n;
    }

    /** The table for the running JVM's architecture, or an exception naming the unsupported one. */
    public static SyscallTable forCurrentArch() {
        String arch = System.getProperty("os.arch");
        if ("amd64".equals(arch) || "x86_64".equals(arch)) {
            return X86_64;
        }
        throw new IllegalStateException("seccomp deny-list has no syscall table for architecture " + arch);
    }
}
