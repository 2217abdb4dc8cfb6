package io.runbox.sandbox.seccomp;

import io.runbox.sandbox.seccomp.ArgumentRule.ArgEquals;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The syscall policy of every program in a box, in one table: each syscall a box has no use for answers an
 * errno instead of running, a few run only with harmless arguments, everything else runs. Each entry says why.
 *
 * <p>The errno is chosen so programs fall back gracefully: EPERM where the kernel itself would refuse an
 * unprivileged caller (so programs already handle it), ENOSYS where a kernel built without the feature would
 * answer that (libc and libnuma fall back), EAFNOSUPPORT for a socket family (as if its module were not loaded).
 * Syscalls the kernel no longer implements (afs_syscall, tuxcall, vserver...) answer ENOSYS on their own and are
 * not listed. The language self-tests (runbox-execution {@code LanguageSelfTest}) show every toolchain still runs.
 */
public final class DenyList {
    static final int EPERM = 1;
    static final int ENOSYS = 38;
    static final int EAFNOSUPPORT = 97;

    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int AF_NETLINK = 16;
    static final int NETLINK_ROUTE = 0;

    /** Syscalls denied for one reason, all answering {@code errno}. */
    public record Denied(int errno, String why, List<String> syscalls) {
        public Denied {
            syscalls = List.copyOf(syscalls);
        }
    }

    private static final List<Denied> DENIED = List.of(
            new Denied(EPERM, "They read or change another process (the box's own, all of one uid): no language"
                    + " runtime needs them to run a program, and debugging inside a box is out of scope",
                    List.of("ptrace", "process_vm_readv", "process_vm_writev", "process_madvise", "kcmp",
                            "pidfd_getfd")),
            new Denied(EPERM, "Mounts, the root and namespaces are bubblewrap's; without capabilities the kernel"
                    + " refuses them anyway, and the filter keeps the code behind them out of reach",
                    List.of("mount", "umount2", "pivot_root", "chroot", "open_tree", "open_tree_attr", "move_mount",
                            "fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr", "unshare", "setns", "listns")),
            new Denied(ENOSYS, "clone3 passes its flags in memory the filter cannot read; ENOSYS makes libc fall back"
                    + " to clone, whose namespace flags need capabilities the box lacks",
                    List.of("clone3")),
            new Denied(EPERM, "Kernel code, BPF and tracing of the whole machine",
                    List.of("kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module",
                            "create_module", "query_module", "get_kernel_syms", "bpf", "perf_event_open",
                            "lookup_dcookie")),
            new Denied(EPERM, "Kernel keyrings: no toolchain uses them, their quota is kept per host"
                    + " uid (shared by every run of that uid), and they have a long CVE record",
                    List.of("add_key", "request_key", "keyctl")),
            new Denied(EPERM, "Exploit aids with long CVE records and no use in a run: userfaultfd stretches kernel"
                    + " races, io_uring bypasses this filter for the operations it runs (sockets of any family"
                    + " among them; libuv and others fall back), modify_ldt is for 16-bit code and Wine",
                    List.of("userfaultfd", "io_uring_setup", "io_uring_enter", "io_uring_register", "modify_ldt")),
            new Denied(ENOSYS, "Memory hidden from the kernel's own mappings: answered as on a kernel without it",
                    List.of("memfd_secret")),
            new Denied(ENOSYS, "NUMA placement: answered as on a kernel without NUMA, so libnuma and the JVM's"
                    + " UseNUMA run without it; migrate_pages and move_pages also move another process's memory",
                    List.of("mbind", "set_mempolicy", "get_mempolicy", "set_mempolicy_home_node", "migrate_pages",
                            "move_pages")),
            new Denied(EPERM, "Administration of the host: swap, power, accounting, quotas, NFS, the kernel log,"
                    + " names, terminals and I/O ports",
                    List.of("swapon", "swapoff", "reboot", "acct", "quotactl", "quotactl_fd", "nfsservctl", "syslog",
                            "sethostname", "setdomainname", "vhangup", "iopl", "ioperm")),
            new Denied(EPERM, "The clock is the host's; adjtimex is denied even read-only (ntp_gettime): programs"
                    + " read the time with clock_gettime",
                    List.of("settimeofday", "clock_settime", "clock_adjtime", "adjtimex")),
            new Denied(EPERM, "sync and syncfs flush the host's disks (the read-only system directories are the"
                    + " host's filesystem), which one box could do in a loop; a box's files live in memory and"
                    + " fsync still covers a program's own durability",
                    List.of("sync", "syncfs")),
            new Denied(EPERM, "File handles reach files by inode, around the box's mounts; fanotify watches whole"
                    + " filesystems",
                    List.of("name_to_handle_at", "open_by_handle_at", "fanotify_init")),
            new Denied(EPERM, "Obsolete interfaces no current program uses",
                    List.of("uselib", "ustat", "sysfs", "_sysctl")));

    private static final List<ArgumentRule> RESTRICTED = List.of(
            socketFamilies("socket"),
            socketFamilies("socketpair"),
            new ArgumentRule("personality", EPERM, "Only the values Docker's default profile allows: the query"
                    + " (0xffffffff), PER_LINUX, PER_LINUX32 and UNAME26; not ADDR_NO_RANDOMIZE, READ_IMPLIES_EXEC"
                    + " or MMAP_PAGE_ZERO, which weaken the program's own memory protections",
                    List.of(List.of(new ArgEquals(0, 0)), List.of(new ArgEquals(0, 0x0008)),
                            List.of(new ArgEquals(0, 0x20000)), List.of(new ArgEquals(0, 0x20008)),
                            List.of(new ArgEquals(0, 0xffffffff)))));

    private DenyList() {
    }

    /** The socket families a box may open, for {@code socket} and {@code socketpair} alike. */
    private static ArgumentRule socketFamilies(String syscall) {
        return new ArgumentRule(syscall, EAFNOSUPPORT, "AF_UNIX, AF_INET and AF_INET6 (no route out of the"
                + " box's empty network namespace), and AF_NETLINK for NETLINK_ROUTE only: it reads the box's own"
                + " network namespace (just lo) and serves getifaddrs and if_nameindex, which Node, Go, Python and"
                + " glibc's resolver use. Every other family is refused: AF_VSOCK, for one, is not namespaced, and a"
                + " box bound to a vsock port took it from the host",
                List.of(List.of(new ArgEquals(0, AF_UNIX)), List.of(new ArgEquals(0, AF_INET)),
                        List.of(new ArgEquals(0, AF_INET6)),
                        List.of(new ArgEquals(0, AF_NETLINK), new ArgEquals(2, NETLINK_ROUTE))));
    }

    /** The denied syscalls, grouped by reason. */
    public static List<Denied> denied() {
        return DENIED;
    }

    /** The syscalls that run only with certain arguments. */
    public static List<ArgumentRule> restricted() {
        return RESTRICTED;
    }

    /** Denied syscall name to the errno it answers with. */
    public static Map<String, Integer> syscalls() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Denied d : DENIED) {
            for (String name : d.syscalls()) {
                if (m.put(name, d.errno()) != null) {
                    throw new IllegalStateException(name + " is denied twice");
                }
            }
        }
        return m;
    }

    /** The compiled filter for this machine's architecture. */
    public static SeccompFilter forCurrentArch() {
        return SeccompFilter.compile(SyscallTable.forCurrentArch(), syscalls(), RESTRICTED);
    }
}
