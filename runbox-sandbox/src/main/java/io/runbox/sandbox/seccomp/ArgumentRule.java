package io.runbox.sandbox.seccomp;

import java.util.List;

/**
 * A syscall that runs only when its arguments match one of {@code allowed}; every other call answers
 * {@code errno} instead of running.
 *
 * <p>Arguments are compared on their low 32 bits only. Use a rule only for arguments the kernel reads as a
 * 32-bit {@code int} (a socket's family and protocol, a personality): the kernel ignores the high bits of such
 * an argument, so a program gains nothing by setting them.
 *
 * @param syscall the syscall's name in the {@link SyscallTable}
 * @param errno   what a call matching none of {@code allowed} answers
 * @param why     the reason, for the reader of the policy
 * @param allowed the argument combinations that run; each one is a list of argument values that must all match
 */
public record ArgumentRule(String syscall, int errno, String why, List<List<ArgEquals>> allowed) {

    public ArgumentRule {
        allowed = allowed.stream().map(List::copyOf).toList();
    }

    /** Argument {@code index} (0 for the first) equals {@code value} in its low 32 bits. */
    public record ArgEquals(int index, int value) {
        public ArgEquals {
            if (index < 0 || index > 5) {
                throw new IllegalArgumentException("a syscall has arguments 0 to 5, not " + index);
            }
        }
    }
}
