package io.runbox.sandbox.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A seccomp filter as the kernel reads it: an array of {@code struct sock_filter} in native byte order.
 *
 * <p>The program checks the architecture (any other, such as the 32-bit ABI, kills the process), refuses
 * the x32 syscall range, returns the configured errno for every denied syscall, runs a restricted syscall only
 * with one of its allowed arguments (the errno otherwise), and allows the rest.
 */
public final class SeccompFilter {
    // Classic BPF opcodes (linux/bpf_common.h) and seccomp return values (linux/seccomp.h).
    private static final int LD_W_ABS = 0x20;
    private static final int JMP_JEQ_K = 0x15;
    private static final int JMP_JGE_K = 0x35;
    private static final int RET_K = 0x06;
    private static final int RET_KILL_PROCESS = 0x80000000;
    private static final int RET_ERRNO = 0x00050000;
    private static final int RET_ALLOW = 0x7fff0000;
    private static final int OFFSET_NR = 0;
    private static final int OFFSET_ARCH = 4;
    /** {@code seccomp_data.args[0]}; its low 32 bits come first on a little-endian machine. */
    private static final int OFFSET_ARGS = 16;
    private static final int X32_SYSCALL_BIT = 0x40000000;

    private final List<int[]> instructions = new ArrayList<>();

    private SeccompFilter() {
    }

    /**
     * Builds the filter for {@code table}'s architecture: each syscall of {@code denied} answers with its
     * errno instead of running, and each syscall of {@code restricted} runs only with arguments its rule allows.
     *
     * @param denied     syscall name to errno (EPERM = 1, ENOSYS = 38); names missing from the table are an error
     * @param restricted argument rules; one rule per syscall: a second one, or one in {@code denied} too, is an
     *                   error
     */
    public static SeccompFilter compile(SyscallTable table, Map<String, Integer> denied, List<ArgumentRule> restricted) {
        Map<Integer, Integer> byNumber = new LinkedHashMap<>();
        denied.forEach((name, errno) -> byNumber.put(table.number(name), errno));

        SeccompFilter f = new SeccompFilter();
        f.add(LD_W_ABS, 0, 0, OFFSET_ARCH);
        f.add(JMP_JEQ_K, 1, 0, table.auditArch());
        f.add(RET_K, 0, 0, RET_KILL_PROCESS);
        f.add(LD_W_ABS, 0, 0, OFFSET_NR);
        if (table.hasX32Range()) {
            f.add(JMP_JGE_K, 0, 1, X32_SYSCALL_BIT);
            f.add(RET_K, 0, 0, RET_ERRNO | 1);
        }
        for (Map.Entry<Integer, Integer> e : byNumber.entrySet()) {
            f.add(JMP_JEQ_K, 0, 1, e.getKey());
            f.add(RET_K, 0, 0, errno(e.getValue()));
        }
        for (ArgumentRule rule : restricted) {
            int nr = table.number(rule.syscall());
            if (byNumber.putIfAbsent(nr, rule.errno()) != null) {
                throw new IllegalArgumentException(rule.syscall() + " has more than one rule");
            }
            f.addRestricted(nr, rule);
        }
        f.add(RET_K, 0, 0, RET_ALLOW);
        return f;
    }

    /**
     * If the syscall is {@code nr}: for each allowed combination, load and compare its arguments one by one and
     * allow the call when all match (a mismatch jumps to the next combination); when none matched, the errno.
     * Every path through the block returns, so a different syscall jumps over it with the number still loaded.
     */
    private void addRestricted(int nr, ArgumentRule rule) {
        int blockLength = 1;
        for (List<ArgumentRule.ArgEquals> combination : rule.allowed()) {
            blockLength += 2 * combination.size() + 1;
        }
        add(JMP_JEQ_K, 0, blockLength, nr);
        for (List<ArgumentRule.ArgEquals> combination : rule.allowed()) {
            for (int i = 0; i < combination.size(); i++) {
                ArgumentRule.ArgEquals arg = combination.get(i);
                add(LD_W_ABS, 0, 0, OFFSET_ARGS + 8 * arg.index());
                add(JMP_JEQ_K, 0, 2 * (combination.size() - 1 - i) + 1, arg.value());
            }
            add(RET_K, 0, 0, RET_ALLOW);
        }
        add(RET_K, 0, 0, errno(rule.errno()));
    }

    private static int errno(int errno) {
        return RET_ERRNO | (errno & 0xffff);
    }

    private void add(int code, int jt, int jf, int k) {
        if (jt > 255 || jf > 255) {
            throw new IllegalStateException("a classic-BPF jump reaches at most 255 instructions");
        }
        instructions.add(new int[] {code, jt, jf, k});
    }

    /** Number of BPF instructions; the kernel accepts at most 4096. */
    public int length() {
        return instructions.size();
    }

    /** The program as the kernel expects it from bubblewrap's {@code --seccomp} descriptor. */
    public byte[] toBytes() {
        ByteBuffer buf = ByteBuffer.allocate(instructions.size() * 8).order(ByteOrder.nativeOrder());
        for (int[] ins : instructions) {
            buf.putShort((short) ins[0]).put((byte) ins[1]).put((byte) ins[2]).putInt(ins[3]);
        }
        return buf.array();
    }
}
