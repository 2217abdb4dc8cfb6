package io.runbox.sandbox.seccomp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The syscalls no program in a box may make: tracing other processes, mounting, loading kernel code or
 * BPF, perf, keyrings, userfaultfd, io_uring, new namespaces, clock and host administration.
 * {@code clone3} answers ENOSYS so that libc falls back to {@code clone}, whose flags bubblewrap's own
 * user-namespace setting governs.
 */
public final class DenyList {
    private static final int EPERM = 1;
    private static final int ENOSYS = 38;

    private static final List<String> DENIED = List.of(
            "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd",
            "mount", "umount2", "pivot_root", "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount",
            "fspick", "mount_setattr", "unshare", "setns",
            "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module", "create_module",
            "query_module", "get_kernel_syms", "bpf", "perf_event_open", "lookup_dcookie",
            "add_key", "request_key", "keyctl", "userfaultfd",
            "io_uring_setup", "io_uring_enter", "io_uring_register",
            "swapon", "swapoff", "reboot", "acct", "quotactl", "quotactl_fd", "nfsservctl", "syslog",
            "settimeofday", "clock_settime", "clock_adjtime", "sethostname", "setdomainname",
            "iopl", "ioperm", "uselib", "ustat", "sysfs", "_sysctl", "vhangup", "personality",
            "name_to_handle_at", "open_by_handle_at", "fanotify_init", "move_pages");

    private DenyList() {
    }

    /** Denied syscall name to the errno it answers with. */
    public static Map<String, Integer> syscalls() {
        Map<String, Integer> m = new LinkedHashMap<>();
        DENIED.forEach(name -> m.put(name, EPERM));
        m.put("clone3", ENOSYS);
        return m;
    }

    /** The compiled filter for this machine's architecture. */
    public static SeccompFilter forCurrentArch() {
        return SeccompFilter.deny(SyscallTable.forCurrentArch(), syscalls());
    }
}
