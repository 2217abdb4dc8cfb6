// expect: OK
// limits: wall=2s memory=128m
// stdout-matches: (?m)^AF_VSOCK listen on port 9999: refused EAFNOSUPPORT$
// stdout-matches: (?m)^AF_VSOCK with high bits set: refused EAFNOSUPPORT$
// stdout-matches: (?m)^AF_VSOCK through the x32 ABI: refused EPERM$
// stdout-matches: (?m)^AF_PACKET: refused EAFNOSUPPORT$
// stdout-matches: (?m)^AF_ALG: refused EAFNOSUPPORT$
// stdout-matches: (?m)^AF_NETLINK generic: refused EAFNOSUPPORT$
// stdout-matches: (?m)^io_uring_setup \(its socket operation\): refused EPERM$
// stdout-matches: (?m)^other families: 60 refused with EAFNOSUPPORT, 0 opened, 0 other errors$
// stdout-matches: (?m)^AF_UNIX: open$
// stdout-matches: (?m)^AF_INET: open$
// stdout-matches: (?m)^AF_INET6: open$
// stdout-matches: (?m)^AF_NETLINK route: open$
// stdout-not-matches: OPENED|LISTENING
//
// Socket families: opens a socket of every family 0..63 with every type, listens on a vsock port (vsock is not
// namespaced: a box bound to a vsock port took it from the host), and tries the ways around a family check: the
// family's high 32 bits set, the x32 syscall numbers, io_uring's socket operation. Only AF_UNIX, AF_INET,
// AF_INET6 (no route out of the box's empty network namespace) and route netlink (the box's own namespace) open;
// every other family answers EAFNOSUPPORT, as if its module were not loaded.
#define _GNU_SOURCE
#include <errno.h>
#include <linux/netlink.h>
#include <linux/vm_sockets.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

static const int types[] = {SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, SOCK_SEQPACKET};

/* 0 if a socket of the family opened with some type (closed again), else -1 with the stream type's errno. */
static int open_any(int family, int protocol) {
    int first = 0;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        int fd = socket(family, types[i], protocol);
        if (fd >= 0) {
            close(fd);
            return 0;
        }
        if (i == 0) {
            first = errno;
        }
    }
    errno = first;
    return -1;
}

static void report(const char *what, long result) {
    if (result >= 0) {
        printf("%s: open\n", what);
    } else {
        printf("%s: refused %s\n", what, strerrorname_np(errno));
    }
}

int main(void) {
    report("AF_UNIX", open_any(AF_UNIX, 0));
    report("AF_INET", open_any(AF_INET, 0));
    report("AF_INET6", open_any(AF_INET6, 0));
    report("AF_NETLINK route", open_any(AF_NETLINK, NETLINK_ROUTE));
    report("AF_NETLINK generic", open_any(AF_NETLINK, NETLINK_GENERIC));
    report("AF_PACKET", open_any(AF_PACKET, 0));
    report("AF_ALG", open_any(AF_ALG, 0));

    int vsock = socket(AF_VSOCK, SOCK_STREAM, 0);
    if (vsock < 0) {
        printf("AF_VSOCK listen on port 9999: refused %s\n", strerrorname_np(errno));
    } else {
        struct sockaddr_vm addr = {.svm_family = AF_VSOCK, .svm_cid = VMADDR_CID_ANY, .svm_port = 9999};
        int ok = bind(vsock, (struct sockaddr *) &addr, sizeof addr) == 0 && listen(vsock, 1) == 0;
        printf("AF_VSOCK listen on port 9999: %s %s\n", ok ? "LISTENING" : "OPENED, then",
               ok ? "" : strerrorname_np(errno));
        close(vsock);
    }
    report("AF_VSOCK with high bits set", syscall(SYS_socket, (1L << 32) | AF_VSOCK, SOCK_STREAM, 0));
    report("AF_VSOCK through the x32 ABI", syscall(0x40000000 | SYS_socket, AF_VSOCK, SOCK_STREAM, 0));
    report("io_uring_setup (its socket operation)", syscall(SYS_io_uring_setup, 1, NULL));

    int refused = 0, opened = 0, other = 0;
    for (int family = 0; family < 64; family++) {
        if (family == AF_UNIX || family == AF_INET || family == AF_INET6 || family == AF_NETLINK) {
            continue;
        }
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
            int fd = socket(family, types[i], 0);
            if (fd >= 0) {
                printf("OPENED family %d type %d\n", family, types[i]);
                close(fd);
                opened++;
            } else if (errno == EAFNOSUPPORT) {
                refused += i == 0;
            } else {
                printf("family %d type %d: %s\n", family, types[i], strerrorname_np(errno));
                other++;
            }
        }
    }
    printf("other families: %d refused with EAFNOSUPPORT, %d opened, %d other errors\n", refused, opened, other);
    return 0;
}
