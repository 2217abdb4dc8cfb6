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
 *        runbox-boxrun --status FILE --socket PATH [--cgroup PROCS_FILE]... --prestart [--env NAME=VALUE]... -- ARGV...
 *        runbox-boxrun --status FILE --socket PATH [--cgroup PROCS_FILE]... --ahead
 *
 * With --prestart the program is started at once but waits for its workspace (runbox-boxinit's "prestart"), and this
 * keeps its stdin until Runbox writes the release there: an 8-byte big-endian length, then that many bytes of
 * NUL-terminated strings, the workspace's mount name and the arguments to add. It sends them to the box as "go",
 * and from then on holds no descriptor of the program's. Its stdin ending first cancels the run (exit 125).
 * With --ahead the run is set up with no command at all (runbox-boxinit's "ready"), and the release's strings after
 * the mount name are the whole argv.
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

/* From now on this process holds none of the program's descriptors but (with keep_stdin) its stdin. */
static void let_go(int keep_stdin) {
    int devnull = open("/dev/null", O_RDWR);
    if (devnull < 0) return;
    if (!keep_stdin) dup2(devnull, STDIN_FILENO);
    dup2(devnull, STDOUT_FILENO);
    if (status_fd >= 0) dup2(devnull, STDERR_FILENO);
    if (devnull > 2) close(devnull);
}

/* Reads exactly len bytes of the release from stdin; its end first cancels the run. */
static void read_release(unsigned char *buf, size_t len) {
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(STDIN_FILENO, buf + got, len - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) _exit(125);
        got += (size_t) n;
    }
}

/* A pre-started run's release, read from stdin and sent to the box as "go". */
static void go(int conn) {
    static unsigned char msg[3 + MAX_REQUEST];
    unsigned char head[8];
    read_release(head, sizeof head);
    unsigned long long len = 0;
    for (size_t k = 0; k < sizeof head; k++) len = (len << 8) | head[k];
    if (len == 0 || len > MAX_REQUEST) fail("a malformed release", EINVAL);
    memcpy(msg, "go", 3);
    read_release(msg + 3, (size_t) len);
    if (send(conn, msg, 3 + (size_t) len, MSG_NOSIGNAL) < 0) fail("cannot release the program", errno);
}

int main(int argc, char **argv) {
    const char *socket_path = NULL;
    const char *slot = NULL;
    int prestart = 0;
    int ahead = 0;
    const char *env[256];
    int nenv = 0;
    int cgroups[MAX_CGROUPS];
    int ncgroups = 0;
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) { i++; break; }
        if (!strcmp(a, "--prestart")) { prestart = 1; continue; }
        if (!strcmp(a, "--ahead")) { ahead = 1; continue; }
        if (i + 1 >= argc) fail("missing value for an option", EINVAL);
        const char *v = argv[++i];
        if (!strcmp(a, "--status")) {
            status_fd = open(v, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
            if (status_fd < 0) fail("cannot open the status file", errno);
        } else if (!strcmp(a, "--socket")) socket_path = v;
        else if (!strcmp(a, "--slot")) slot = v;
        else if (!strcmp(a, "--env")) {
            if (nenv >= (int) (sizeof env / sizeof env[0])) fail("too many variables", E2BIG);
            env[nenv++] = v;
        }
        else if (!strcmp(a, "--cgroup")) {
            if (ncgroups >= MAX_CGROUPS) fail("too many cgroups", EINVAL);
            int fd = open(v, O_WRONLY | O_CLOEXEC);
            if (fd < 0) fail("cannot open the run's cgroup", errno);
            cgroups[ncgroups++] = fd;
        } else fail("unknown option", EINVAL);
    }
    if (!socket_path || (slot != NULL) + prestart + ahead != 1 || (i >= argc) != ahead) {
        fail("usage: --socket PATH (--slot NAME -- ARGV... | --prestart [--env NAME=VALUE]... -- ARGV... | --ahead)",
             EINVAL);
    }
    int waits = prestart || ahead;
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) fail("pdeathsig", errno);
    if (getppid() == 1) _exit(125);

    /* "run", SLOT, ARGV... or "prestart", N, N variables, ARGV... */
    static char request[MAX_REQUEST];
    size_t len = 0;
    char count[16];
    snprintf(count, sizeof count, "%d", nenv);
    const char *head[2 + 256];
    int nhead = 0;
    head[nhead++] = ahead ? "ready" : prestart ? "prestart" : "run";
    if (!ahead) head[nhead++] = prestart ? count : slot;
    for (int k = 0; prestart && k < nenv; k++) head[nhead++] = env[k];
    for (int k = 0; k < nhead + argc - i; k++) {
        const char *s = k < nhead ? head[k] : argv[i + k - nhead];
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
    /* The program has them now: holding them would keep its input open and its output from ending. A pre-started
     * run's (and a run set up ahead's) stdin is kept until its release is read from it. */
    for (size_t k = waits ? 1 : 0; k < nfds; k++) close(fds[k]);
    let_go(waits);
    int released = !waits;

    int acked = 0, have_status = 0, status = 0, box_failed = 0;
    for (;;) {
        if (!acked || !released) {
            struct pollfd p[2] = {{conn, POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
            int r = poll(p, released ? 1 : 2, acked ? -1 : ACK_TIMEOUT_MS);
            if (r < 0 && errno == EINTR) continue;
            if (r < 0) fail("poll", errno);
            if (r == 0) fail("the box did not take the request", ETIMEDOUT);
            if (!released && (p[1].revents & (POLLIN | POLLHUP | POLLERR))) {
                go(conn);
                released = 1;
                let_go(0);
            }
            if (!(p[0].revents & (POLLIN | POLLHUP | POLLERR))) continue;
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
