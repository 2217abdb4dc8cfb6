package io.runbox.sandbox.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runbox.sandbox.seccomp.ArgumentRule.ArgEquals;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Runs the generated classic-BPF program in a tiny interpreter to check its verdicts. */
class SeccompFilterTest {
    private static final int ALLOW = 0x7fff0000;
    private static final int KILL_PROCESS = 0x80000000;
    private static final int ERRNO = 0x00050000;
    private static final SyscallTable X86_64 = SyscallTable.X86_64;

    /** Evaluates the program for a syscall number, audit arch and arguments, as the kernel would. */
    private static int verdict(byte[] program, int arch, int nr, long... args) {
        ByteBuffer b = ByteBuffer.wrap(program).order(ByteOrder.nativeOrder());
        int pc = 0;
        int acc = 0;
        while (true) {
            int code = b.getShort(pc * 8) & 0xffff;
            int jt = b.get(pc * 8 + 2) & 0xff;
            int jf = b.get(pc * 8 + 3) & 0xff;
            int k = b.getInt(pc * 8 + 4);
            switch (code) {
                case 0x20 -> acc = load(k, arch, nr, args);
                case 0x15 -> pc += acc == k ? jt : jf;
                case 0x35 -> pc += Integer.compareUnsigned(acc, k) >= 0 ? jt : jf;
                case 0x06 -> {
                    return k;
                }
                default -> throw new AssertionError("unexpected opcode " + code);
            }
            pc++;
        }
    }

    /** A 32-bit word of {@code struct seccomp_data} on a little-endian machine. */
    private static int load(int offset, int arch, int nr, long[] args) {
        if (offset == 0) {
            return nr;
        }
        if (offset == 4) {
            return arch;
        }
        assertThat(offset).as("load offset").isBetween(16, 16 + 6 * 8 - 4);
        long arg = (offset - 16) / 8 < args.length ? args[(offset - 16) / 8] : 0;
        return (offset - 16) % 8 == 0 ? (int) arg : (int) (arg >>> 32);
    }

    private final byte[] program = DenyList.forCurrentArch().toBytes();
    private final int arch = X86_64.auditArch();

    private int verdict(String syscall, long... args) {
        return verdict(program, arch, X86_64.number(syscall), args);
    }

    @Test
    void everyDeniedSyscallAnswersItsErrno() {
        assertThat(DenyList.syscalls()).hasSizeGreaterThan(70);
        DenyList.syscalls().forEach((name, errno) ->
                assertThat(verdict(name)).as(name).isEqualTo(ERRNO | errno));
    }

    @Test
    void theCandidatesOfIssue11AreDeniedWithTheDesignedErrno() {
        for (String name : new String[] {"modify_ldt", "ptrace", "process_vm_readv", "process_vm_writev", "bpf",
                "perf_event_open", "keyctl", "add_key", "request_key", "userfaultfd", "io_uring_setup",
                "io_uring_enter", "io_uring_register", "kexec_load", "kexec_file_load", "init_module", "finit_module",
                "delete_module", "open_by_handle_at", "name_to_handle_at", "fanotify_init", "lookup_dcookie",
                "quotactl", "acct", "swapon", "swapoff", "reboot", "settimeofday", "clock_settime", "clock_adjtime",
                "adjtimex", "mount", "unshare", "setns", "chroot", "sync", "syncfs"}) {
            assertThat(verdict(name)).as(name).isEqualTo(ERRNO | DenyList.EPERM);
        }
        for (String name : new String[] {"memfd_secret", "mbind", "set_mempolicy", "get_mempolicy", "migrate_pages",
                "move_pages", "clone3"}) {
            assertThat(verdict(name)).as(name).isEqualTo(ERRNO | DenyList.ENOSYS);
        }
    }

    @Test
    void opensOnlyUnixIpAndRouteNetlinkSockets() {
        Set<Integer> open = Set.of(DenyList.AF_UNIX, DenyList.AF_INET, DenyList.AF_INET6);
        for (String call : List.of("socket", "socketpair")) {
            for (int family = 0; family < 64; family++) {
                int expected = open.contains(family) ? ALLOW : ERRNO | DenyList.EAFNOSUPPORT;
                if (family == DenyList.AF_NETLINK) {
                    assertThat(verdict(call, family, 3, DenyList.NETLINK_ROUTE)).as("%s route netlink", call)
                            .isEqualTo(ALLOW);
                    for (int protocol : new int[] {4, 9, 12, 15, 16}) { // sock_diag audit netfilter uevent generic
                        assertThat(verdict(call, family, 3, protocol)).as("%s netlink %d", call, protocol)
                                .isEqualTo(ERRNO | DenyList.EAFNOSUPPORT);
                    }
                    continue;
                }
                for (int type : new int[] {1, 2, 3, 5, 0x80801}) { // stream dgram raw seqpacket stream|nonblock|cloexec
                    assertThat(verdict(call, family, type, 0)).as("%s family %d type %d", call, family, type)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void comparesOnlyTheLowWordOfAFamilyAsTheKernelReadsAnInt() {
        assertThat(verdict("socket", (1L << 32) | 40, 1, 0)).as("vsock with high bits").isEqualTo(ERRNO | 97);
        assertThat(verdict("socket", 40L - (1L << 32), 1, 0)).as("vsock, negative high word").isEqualTo(ERRNO | 97);
        assertThat(verdict("socket", (1L << 32) | DenyList.AF_UNIX, 1, 0)).as("unix with high bits").isEqualTo(ALLOW);
    }

    @Test
    void personalityRunsOnlyWithDockersHarmlessValues() {
        for (long value : new long[] {0, 0x0008, 0x20000, 0x20008, 0xffffffffL}) {
            assertThat(verdict("personality", value)).as("personality(0x%x)", value).isEqualTo(ALLOW);
        }
        for (long value : new long[] {0x0040000, 0x0400000, 0x0100000, 0x0040008, 1}) { // no-ASLR, READ_IMPLIES_EXEC, MMAP_PAGE_ZERO
            assertThat(verdict("personality", value)).as("personality(0x%x)", value).isEqualTo(ERRNO | DenyList.EPERM);
        }
    }

    @Test
    void allowsOrdinarySyscalls() {
        // read write open mmap connect bind listen clone fork execve exit exit_group memfd_create
        for (int nr : new int[] {0, 1, 2, 9, 42, 49, 50, 56, 57, 59, 60, 231, 319}) {
            assertThat(verdict(program, arch, nr, 40, 40, 40)).as("syscall %d", nr).isEqualTo(ALLOW);
        }
    }

    @Test
    void killsForeignArchitecturesAndRefusesX32() {
        assertThat(verdict(program, 0x40000003, 1)).isEqualTo(KILL_PROCESS); // i386
        assertThat(verdict(program, 0xC00000B7, 1)).isEqualTo(KILL_PROCESS); // aarch64
        assertThat(verdict(program, arch, 0x40000000 | 1)).isEqualTo(ERRNO | 1);
        assertThat(verdict(program, arch, 0x40000000 | 41, 40)).as("x32 socket").isEqualTo(ERRNO | 1);
    }

    @Test
    void fitsTheKernelLimitAndRejectsUnknownNamesAndDoubleRules() {
        assertThat(DenyList.forCurrentArch().length()).isLessThan(4096);
        assertThat(program.length).isEqualTo(DenyList.forCurrentArch().length() * 8);
        assertThatThrownBy(() -> SeccompFilter.compile(X86_64, Map.of("no_such_call", 1), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        ArgumentRule ptraceZero = new ArgumentRule("ptrace", 1, "test", List.of(List.of(new ArgEquals(0, 0))));
        assertThatThrownBy(() -> SeccompFilter.compile(X86_64, Map.of("ptrace", 1), List.of(ptraceZero)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SeccompFilter.compile(X86_64, Map.of(), List.of(ptraceZero, ptraceZero)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
