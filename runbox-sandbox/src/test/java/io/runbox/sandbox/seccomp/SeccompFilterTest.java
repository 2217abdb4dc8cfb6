package io.runbox.sandbox.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the generated classic-BPF program in a tiny interpreter to check its verdicts. */
class SeccompFilterTest {
    private static final int ALLOW = 0x7fff0000;
    private static final int KILL_PROCESS = 0x80000000;

    /** Evaluates the program for a syscall number and audit arch, as the kernel would. */
    private static int verdict(byte[] program, int arch, int nr) {
        ByteBuffer b = ByteBuffer.wrap(program).order(ByteOrder.nativeOrder());
        int pc = 0;
        int acc = 0;
        while (true) {
            int code = b.getShort(pc * 8) & 0xffff;
            int jt = b.get(pc * 8 + 2) & 0xff;
            int jf = b.get(pc * 8 + 3) & 0xff;
            int k = b.getInt(pc * 8 + 4);
            switch (code) {
                case 0x20 -> acc = k == 4 ? arch : k == 0 ? nr : 0;
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

    private final byte[] program = DenyList.forCurrentArch().toBytes();
    private final int arch = SyscallTable.X86_64.auditArch();

    @Test
    void deniesTracingMountingBpfAndIoUringWithEperm() {
        for (String name : new String[] {"ptrace", "mount", "bpf", "perf_event_open", "keyctl", "userfaultfd",
                "io_uring_setup", "kexec_load", "unshare", "setns"}) {
            assertThat(verdict(program, arch, SyscallTable.X86_64.number(name)))
                    .as(name).isEqualTo(0x00050000 | 1);
        }
    }

    @Test
    void clone3AnswersEnosysSoLibcFallsBack() {
        assertThat(verdict(program, arch, SyscallTable.X86_64.number("clone3"))).isEqualTo(0x00050000 | 38);
    }

    @Test
    void allowsOrdinarySyscalls() {
        for (int nr : new int[] {0, 1, 2, 9, 56, 57, 59, 60, 231}) { // read write open mmap clone fork execve exit exit_group
            assertThat(verdict(program, arch, nr)).as("syscall %d", nr).isEqualTo(ALLOW);
        }
    }

    @Test
    void killsForeignArchitecturesAndRefusesX32() {
        assertThat(verdict(program, 0x40000003, 1)).isEqualTo(KILL_PROCESS); // i386
        assertThat(verdict(program, arch, 0x40000000 | 1)).isEqualTo(0x00050000 | 1);
    }

    @Test
    void fitsTheKernelLimitAndRejectsUnknownNames() {
        assertThat(DenyList.forCurrentArch().length()).isLessThan(4096);
        assertThat(program.length).isEqualTo(DenyList.forCurrentArch().length() * 8);
        assertThatThrownBy(() -> SeccompFilter.deny(SyscallTable.X86_64, Map.of("no_such_call", 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
