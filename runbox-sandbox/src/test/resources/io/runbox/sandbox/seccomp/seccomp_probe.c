/*
 * Asks the kernel, and prints one line per answer, so SeccompInTheBoxTest can compare what a program in a box
 * gets with what the policy says. An answer is "ok" or the errno's number.
 *
 *   seccomp_probe syscalls NR...      each syscall with all-zero arguments:  "syscall NR ANSWER"
 *   seccomp_probe sockets             socket() of every family 0..63:      "socket FAMILY ANSWER"
 *                                     (ok if any of stream, dgram, raw, seqpacket opens; else the errno of stream),
 *                                     netlink per protocol: "netlink PROTOCOL ANSWER",
 *                                     socketpair: "socketpair FAMILY ANSWER",
 *                                     a family with high bits set: "socket-high FAMILY ANSWER"
 *   seccomp_probe personality VALUE...  "personality VALUE ANSWER" (VALUE in hex)
 *   seccomp_probe vsock-listen PORT SECONDS  listens on vsock PORT, prints "vsock-listen PORT ANSWER", then
 *                                     holds the socket for SECONDS
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/vm_sockets.h>

static void answer(const char *what, long key, long result) {
    if (result < 0) {
        printf("%s %ld %d\n", what, key, errno);
    } else {
        printf("%s %ld ok\n", what, key);
    }
    fflush(stdout);
}

static int open_any(int family, int protocol) {
    static const int types[] = {SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, SOCK_SEQPACKET};
    int first_errno = 0;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        int fd = socket(family, types[i], protocol);
        if (fd >= 0) {
            close(fd);
            return 0;
        }
        if (i == 0) {
            first_errno = errno;
        }
    }
    errno = first_errno;
    return -1;
}

static void sockets(void) {
    for (int family = 0; family < 64; family++) {
        answer("socket", family, open_any(family, 0));
    }
    static const int protocols[] = {0, 4, 9, 12, 15, 16}; /* route sock_diag audit netfilter uevent generic */
    for (size_t i = 0; i < sizeof protocols / sizeof protocols[0]; i++) {
        answer("netlink", protocols[i], open_any(AF_NETLINK, protocols[i]));
    }
    static const int pairs[] = {AF_UNIX, AF_INET, AF_VSOCK, AF_PACKET};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        int sv[2];
        int r = socketpair(pairs[i], SOCK_STREAM, 0, sv);
        answer("socketpair", pairs[i], r);
        if (r == 0) {
            close(sv[0]);
            close(sv[1]);
        }
    }
    /* The kernel reads the family as an int: the high half of the register must not matter to the filter. */
    static const long high[] = {(1L << 32) | AF_VSOCK, (1L << 32) | AF_UNIX};
    for (size_t i = 0; i < sizeof high / sizeof high[0]; i++) {
        long fd = syscall(SYS_socket, high[i], SOCK_STREAM, 0);
        answer("socket-high", high[i] & 0xffffffff, fd);
        if (fd >= 0) {
            close((int) fd);
        }
    }
}

static int vsock_listen(unsigned port) {
    int fd = socket(AF_VSOCK, SOCK_STREAM, 0);
    if (fd < 0) {
        return -1;
    }
    struct sockaddr_vm addr = {.svm_family = AF_VSOCK, .svm_cid = VMADDR_CID_ANY, .svm_port = port};
    if (bind(fd, (struct sockaddr *) &addr, sizeof addr) < 0 || listen(fd, 1) < 0) {
        return -1;
    }
    return fd;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: see the comment at the top of seccomp_probe.c\n");
        return 2;
    }
    if (strcmp(argv[1], "syscalls") == 0) {
        for (int i = 2; i < argc; i++) {
            long nr = strtol(argv[i], NULL, 10);
            answer("syscall", nr, syscall(nr, 0L, 0L, 0L, 0L, 0L, 0L));
        }
    } else if (strcmp(argv[1], "sockets") == 0) {
        sockets();
    } else if (strcmp(argv[1], "personality") == 0) {
        for (int i = 2; i < argc; i++) {
            unsigned long value = strtoul(argv[i], NULL, 16);
            long r = syscall(SYS_personality, value);
            if (r < 0) {
                printf("personality %lx %d\n", value, errno);
            } else {
                printf("personality %lx ok\n", value);
                syscall(SYS_personality, r); /* back to what it was */
            }
        }
    } else if (strcmp(argv[1], "vsock-listen") == 0 && argc == 4) {
        unsigned port = (unsigned) strtoul(argv[2], NULL, 10);
        answer("vsock-listen", port, vsock_listen(port));
        sleep((unsigned) atoi(argv[3]));
    } else {
        fprintf(stderr, "unknown mode %s\n", argv[1]);
        return 2;
    }
    return 0;
}
