/*
 * runbox-boxrun: asks a reused box to run one program, and stands for that program on the host.
 *
 * Started by Runbox as root, with the program's stdin, stdout and stderr as its own. It opens the run's cgroup
 * files, connects to the box's runbox-boxinit (the socket runbox-boxlaunch --listen made), passes those
 * descriptors and the request (the workspace's mount name, then the argv), and relays what the box says to the
 * status channel: "exec" when the program is about to start, a "runbox-boxexec:" line when it cannot be exec'd,
 * a "runbox-boxrun:" line when the box failed. It exits as the program did (its exit status, or 128+N for
 * signal N), or 125 when the box failed. It holds no descriptor of the program's after passing them, so the
 * program's output ends when the program's does. It dies with Runbox.
 *
 * usage: runbox-boxrun --status FILE --socket PATH [--cgroup PROCS_FILE]... --slot NAME -- ARGV...
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_CGROUPS 12
#define MAX_REQUEST (256 * 1024)
/* How long the box may take to take a request: it serves one at a time and is idle when Runbox asks. */
#define ACK_TIMEOUT_MS 10000

static int status_fd = -1;

static void note(const char *prefix, const char *text, int err) {
    char line[1200];
    int n = err ? snprintf(line, sizeof line, "%s %s: %s\n", prefix, text, strerror(err))
                : snprintf(line, sizeof line, "%s %s\n", prefix, text);
    if (n < 0) return;
    if (n >= (int) sizeof line) {
        n = (int) sizeof line - 1;
        line[n - 1] = '\n';
    }
    int fd = status_fd >= 0 ? status_fd : STDERR_FILENO;
    if (write(fd, line, (size_t) n) < 0) {
        /* nowhere else to say it */
    }
}

static void fail(const char *what, int err) {
    note("runbox-boxrun:", what, err);
    _exit(125);
}

int main(int argc, char **argv) {
    const char *socket_path = NULL;
    const char *slot = NULL;
    int cgroups[MAX_CGROUPS];
    int ncgroups = 0;
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) { i++; break; }
        if (i + 1 >= argc) fail("missing value for an option", EINVAL);
        const char *v = argv[++i];
        if (!strcmp(a, "--status")) {
            status_fd = open(v, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
            if (status_fd < 0) fail("cannot open the status file", errno);
        } else if (!strcmp(a, "--socket")) socket_path = v;
        else if (!strcmp(a, "--slot")) slot = v;
        else if (!strcmp(a, "--cgroup")) {
            if (ncgroups >= MAX_CGROUPS) fail("too many cgroups", EINVAL);
            int fd = open(v, O_WRONLY | O_CLOEXEC);
            if (fd < 0) fail("cannot open the run's cgroup", errno);
            cgroups[ncgroups++] = fd;
        } else fail("unknown option", EINVAL);
    }
    if (!socket_path || !slot || i >= argc) fail("usage: --socket PATH --slot NAME -- ARGV...", EINVAL);
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) fail("pdeathsig", errno);
    if (getppid() == 1) _exit(125);

    static char request[MAX_REQUEST];
    size_t len = 0;
    for (int k = -1; i + k < argc; k++) {
        const char *s = k < 0 ? slot : argv[i + k];
        size_t n = strlen(s) + 1;
        if (len + n > sizeof request) fail("the command is too long", E2BIG);
        memcpy(request + len, s, n);
        len += n;
    }

    int conn = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
    if (conn < 0) fail("socket", errno);
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    if (strlen(socket_path) >= sizeof addr.sun_path) fail("the socket path is too long", ENAMETOOLONG);
    strcpy(addr.sun_path, socket_path);
    if (connect(conn, (struct sockaddr *) &addr, sizeof addr) != 0) fail("cannot reach the box", errno);

    int fds[3 + MAX_CGROUPS] = {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO};
    memcpy(fds + 3, cgroups, (size_t) ncgroups * sizeof(int));
    size_t nfds = 3 + (size_t) ncgroups;
    char control[CMSG_SPACE(sizeof fds)];
    memset(control, 0, sizeof control);
    struct iovec iov = {request, len};
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = CMSG_SPACE(nfds * sizeof(int));
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(nfds * sizeof(int));
    memcpy(CMSG_DATA(c), fds, nfds * sizeof(int));
    if (sendmsg(conn, &msg, MSG_NOSIGNAL) < 0) fail("cannot send the request", errno);
    /* The program has them now: holding them would keep its input open and its output from ending. */
    for (size_t k = 0; k < nfds; k++) close(fds[k]);
    int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0) {
        dup2(devnull, STDIN_FILENO);
        dup2(devnull, STDOUT_FILENO);
        if (status_fd >= 0) dup2(devnull, STDERR_FILENO);
        if (devnull > 2) close(devnull);
    }

    int acked = 0, have_status = 0, status = 0, box_failed = 0;
    for (;;) {
        if (!acked) {
            struct pollfd p = {conn, POLLIN, 0};
            int r = poll(&p, 1, ACK_TIMEOUT_MS);
            if (r < 0 && errno == EINTR) continue;
            if (r == 0) fail("the box did not take the request", ETIMEDOUT);
        }
        char m[1100];
        ssize_t n = recv(conn, m, sizeof m - 1, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("lost the box", errno);
        if (n == 0) break;
        m[n] = 0;
        if (!strcmp(m, "ack")) acked = 1;
        else if (!strcmp(m, "exec")) {
            if (status_fd >= 0 && write(status_fd, "exec\n", 5) != 5) fail("cannot report on the status channel", errno);
        }
        else if (!strncmp(m, "status ", 7)) {
            status = atoi(m + 7);
            have_status = 1;
        } else if (!strncmp(m, "fail-exec ", 10)) note("runbox-boxexec: cannot exec", m + 10, 0);
        else if (!strncmp(m, "fail ", 5)) {
            note("runbox-boxrun: the box failed:", m + 5, 0);
            box_failed = 1;
        } else if (!strcmp(m, "done")) break;
    }
    /* No status and no failure: the run's pid 1 was killed (Runbox ended the run through its cgroup). */
    if (box_failed || !have_status) _exit(125);
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 125;
}
