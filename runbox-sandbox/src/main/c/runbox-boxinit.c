/*
 * runbox-boxinit: the first program of a reused box, which runs one program at a time on request.
 *
 * bubblewrap runs this in place of a command, with CAP_SYS_ADMIN, CAP_NET_ADMIN and CAP_SETPCAP inside the box's
 * (nested, --disable-userns) user namespace only, and without bubblewrap's seccomp filter (the filter is for the
 * programs, which this loads for each of them). The box's own mounts belong to bubblewrap's outer user namespace:
 * this cannot change them, only those of each run's new mount namespace. It accepts requests on a listening unix socket (descriptor 12, made by runbox-boxlaunch
 * --listen) from Runbox on the host (InitRun), one at a time. A request carries the program's stdin, stdout and
 * stderr, the run's cgroup files (opened by root on the host) and, as NUL-terminated strings, the name of the
 * workspace mount the host put under /.runbox/ws, then the program's argv.
 *
 * Each run is fresh: one clone into new mount, IPC, network, UTS and pid namespaces; the clone (pid 1 there)
 * joins the run's cgroup, enters a new cgroup namespace, binds the workspace at /box, hides /.runbox/ws, mounts
 * a new /tmp, /dev/shm and /proc, brings up lo, then forks the program, which starts a new session, takes its
 * descriptors, drops every capability, marks every other descriptor close-on-exec, loads the seccomp filter and
 * execs. When the program ends, the run's pid 1 reports its wait status and exits, which kills whatever the
 * program left in its pid namespace; the host kills what is left in the run's cgroup.
 *
 * A request may instead pre-start its program ("prestart": the environment to add, then the argv): the run is set
 * up without its workspace and the program (an interpreter with a hook, see language.yaml's prestart) is exec'd at
 * once with RUNBOX_PRESTART_FD=100, a pipe on which its hook blocks. When the host sends "go" with the workspace's
 * mount name and the arguments to add, the run's pid 1 binds the workspace at /box, hides /.runbox/ws and writes
 * the release (an 8-byte big-endian length, then "/box" and the arguments, NUL-terminated) on that pipe.
 *
 * A request may also set a run up ahead of its command ("ready"): the run's namespaces, cgroup and mounts are made
 * and its pid 1 waits; "go" then brings the workspace's mount name and the whole argv, and the program is forked
 * and exec'd as for "run".
 *
 * Messages to the host (one per SOCK_SEQPACKET packet): "ack" once a request is taken, "exec" just before the
 * exec, "status N" (the program's raw wait status), "fail-exec TEXT" when the command cannot be exec'd,
 * "fail TEXT" when the run could not be set up, and "done" once the run's pid 1 is reaped. A request answered
 * with "fail" leaves the box unfit for reuse: the host retires it.
 *
 * It writes "ready" on its status channel once it runs: bubblewrap has made the box's mounts, so a workspace the host
 * mounts below /.runbox/ws from then on reaches the box as it is (before, bubblewrap's recursive read-only bind
 * would take it along, read-only).
 *
 * usage: runbox-boxinit --tmp-size BYTES
 *        (descriptors: 12 the listening socket, 13 the status channel, 14 the seccomp filter)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LISTEN_FD 12
#define STATUS_FD 13
#define SECCOMP_FD 14
#define MAX_REQUEST (256 * 1024)
#define MAX_FDS 16
#define MAX_FILTER (64 * 1024)
#define MAX_ENV 4096
/* Where a pre-started program's hook reads its release: high, so the runtime's own descriptors are numbered as on a
 * cold start. */
#define RELEASE_FD 100

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

static struct sock_fprog filter;
static char tmp_options[64];
static char *request;

/* A failure before any request: the box cannot serve, so it ends (the host sees it gone and retires it). */
static void die(const char *what) {
    char line[512];
    int n = snprintf(line, sizeof line, "runbox-boxinit: %s: %s\n", what, strerror(errno));
    if (n > 0 && write(STATUS_FD, line, (size_t) (n < (int) sizeof line ? n : (int) sizeof line - 1)) < 0) _exit(125);
    _exit(125);
}

/* One message to the host; a host that went away is not this process's problem. */
static void say(int conn, const char *kind, const char *text, int err) {
    char msg[1024];
    int n;
    if (text == NULL) n = snprintf(msg, sizeof msg, "%s", kind);
    else if (err) n = snprintf(msg, sizeof msg, "%s %s: %s", kind, text, strerror(err));
    else n = snprintf(msg, sizeof msg, "%s %s", kind, text);
    if (n < 0) return;
    if (n >= (int) sizeof msg) n = (int) sizeof msg - 1;
    if (send(conn, msg, (size_t) n, MSG_NOSIGNAL) < 0) {
        /* nothing to do */
    }
}

/* In the run's pid 1 or the program: report why the run could not be set up, then end it. */
static void run_failed(int conn, const char *what) {
    say(conn, "fail", what, errno);
    _exit(125);
}

static void load_filter(void) {
    struct stat st;
    if (fstat(SECCOMP_FD, &st) != 0) die("no seccomp filter on descriptor 14");
    if (st.st_size <= 0 || st.st_size > MAX_FILTER || st.st_size % sizeof(struct sock_filter) != 0) {
        errno = EINVAL;
        die("bad seccomp filter size");
    }
    struct sock_filter *code = malloc((size_t) st.st_size);
    if (!code) die("out of memory");
    size_t got = 0;
    while (got < (size_t) st.st_size) {
        ssize_t n = read(SECCOMP_FD, (char *) code + got, (size_t) st.st_size - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) die("cannot read the seccomp filter");
        got += (size_t) n;
    }
    close(SECCOMP_FD);
    filter.len = (unsigned short) (st.st_size / sizeof(struct sock_filter));
    filter.filter = code;
}

static void drop_capabilities(int conn) {
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0) run_failed(conn, "clear ambient capabilities");
    for (int cap = 0; cap <= 63; cap++) {
        if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL) run_failed(conn, "drop the bounding set");
    }
    struct __user_cap_header_struct head = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[2];
    memset(data, 0, sizeof data);
    if (syscall(SYS_capset, &head, data) != 0) run_failed(conn, "drop capabilities");
}

/* /dev read-only in the run, keeping its other flags: no run can leave an entry there for the next. */
static void freeze_dev(int conn) {
    struct statvfs sv;
    if (statvfs("/dev", &sv) != 0) run_failed(conn, "statvfs /dev");
    unsigned long flags = MS_REMOUNT | MS_BIND | MS_RDONLY;
    if (sv.f_flag & ST_NOSUID) flags |= MS_NOSUID;
    if (sv.f_flag & ST_NODEV) flags |= MS_NODEV;
    if (sv.f_flag & ST_NOEXEC) flags |= MS_NOEXEC;
    if (sv.f_flag & ST_NOATIME) flags |= MS_NOATIME;
    if (sv.f_flag & ST_NODIRATIME) flags |= MS_NODIRATIME;
    if (sv.f_flag & ST_RELATIME) flags |= MS_RELATIME;
    if (mount(NULL, "/dev", NULL, flags, NULL) != 0) run_failed(conn, "make /dev read-only");
}

/* The program's side of the fork: never returns. release is the read end of a pre-started program's release pipe,
 * or -1. */
static void exec_program(int conn, int *fds, char **argv, char **envp, int release) {
    if (setsid() < 0) run_failed(conn, "setsid");
    for (int i = 0; i < 3; i++) {
        if (dup2(fds[i], i) < 0) run_failed(conn, "take the program's descriptors");
    }
    for (int i = 0; i < 3; i++) {
        if (fds[i] > 2) close(fds[i]);
    }
    if (chdir("/box") != 0) run_failed(conn, "chdir /box");
    drop_capabilities(conn);
    if (release >= 0 && release != RELEASE_FD) {
        if (dup2(release, RELEASE_FD) < 0) run_failed(conn, "dup2 the release pipe");
        close(release);
    }
    if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) != 0) run_failed(conn, "close_range");
    if (release >= 0 && fcntl(RELEASE_FD, F_SETFD, 0) != 0) run_failed(conn, "keep the release pipe");
    if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &filter) != 0) run_failed(conn, "load the seccomp filter");
    say(conn, "exec", NULL, 0);
    /* A file written just before the run (the host's copy of a workspace) may be busy for a moment; see
     * runbox-boxexec. */
    for (int tries = 0;; tries++) {
        execvpe(argv[0], argv, envp);
        if (errno != ETXTBSY || tries >= 100) break;
        struct timespec pause = {0, 10 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    say(conn, "fail-exec", argv[0], errno);
    _exit(125);
}

static void mount_or_fail(int conn, const char *src, const char *target, const char *type, unsigned long flags,
                          const char *data) {
    if (mount(src, target, type, flags, data) != 0) run_failed(conn, target);
}

/* bubblewrap's --proc keeps these read-only; so does every run's own /proc. */
static void guard_proc(int conn) {
    static const char *const ro[] = {"/proc/sys", "/proc/sysrq-trigger", "/proc/irq", "/proc/bus"};
    for (size_t i = 0; i < sizeof ro / sizeof ro[0]; i++) {
        if (access(ro[i], F_OK) != 0) continue;
        mount_or_fail(conn, ro[i], ro[i], NULL, MS_BIND | MS_REC, NULL);
        mount_or_fail(conn, NULL, ro[i], NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
                      NULL);
    }
}

static void loopback_up(int conn) {
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0) run_failed(conn, "socket for lo");
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    strcpy(ifr.ifr_name, "lo");
    ifr.ifr_flags = IFF_UP | IFF_LOOPBACK | IFF_RUNNING;
    if (ioctl(s, SIOCSIFFLAGS, &ifr) != 0) run_failed(conn, "bring lo up");
    close(s);
}

/* Binds the workspace the host mounted at /.runbox/ws/SLOT at /box, then hides /.runbox/ws. */
static void bind_workspace(int conn, const char *slot) {
    char src[256];
    snprintf(src, sizeof src, "/.runbox/ws/%s", slot);
    /* The host's bind of the workspace is nosuid and nodev, like the workspace's tmpfs; a bind keeps that. */
    mount_or_fail(conn, src, "/box", NULL, MS_BIND, NULL);
    mount_or_fail(conn, "tmpfs", "/.runbox/ws", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY,
                  "size=4k,nr_inodes=2,mode=0000");
}

static int valid_slot(const char *slot);

/* The environment of a pre-started program: the box's, with the hook's variables set in place (an earlier value
 * saved as RUNBOX_PRESTART_SAVED_NAME, at the end), then RUNBOX_PRESTART_FD. */
static char **prestart_environment(int conn, char **add, int nadd) {
    extern char **environ;
    int n = 0;
    while (environ[n]) n++;
    char **env = calloc((size_t) (n + 2 * nadd + 2), sizeof *env);
    if (!env) run_failed(conn, "out of memory");
    for (int i = 0; i < n; i++) env[i] = environ[i];
    int len = n;
    for (int a = 0; a < nadd; a++) {
        const char *eq = strchr(add[a], '=');
        if (!eq || eq == add[a]) { errno = EINVAL; run_failed(conn, "a malformed prestart variable"); }
        size_t klen = (size_t) (eq - add[a]);
        int found = 0;
        for (int i = 0; i < n; i++) {
            if (!strncmp(env[i], add[a], klen) && env[i][klen] == '=') {
                size_t sz = strlen(env[i]) + 64;
                char *saved = malloc(sz);
                if (!saved) run_failed(conn, "out of memory");
                snprintf(saved, sz, "RUNBOX_PRESTART_SAVED_%.*s", (int) (strlen(env[i])), env[i]);
                env[len++] = saved;
                env[i] = add[a];
                found = 1;
                break;
            }
        }
        if (!found) env[len++] = add[a];
    }
    static char fd_var[64];
    snprintf(fd_var, sizeof fd_var, "RUNBOX_PRESTART_FD=%d", RELEASE_FD);
    env[len++] = fd_var;
    env[len] = NULL;
    return env;
}

/* Waits for "go": "go", the workspace's mount name, then strings; binds the workspace; returns the strings (at
 * *count). The host going away first ends the run. */
static char **await_go_strings(int conn, int *count) {
    static char go[MAX_REQUEST];
    static char *strings[4100];
    ssize_t len;
    do {
        len = recv(conn, go, sizeof go, 0);
    } while (len < 0 && errno == EINTR);
    if (len <= 0) _exit(125);
    if (go[len - 1] != '\0' || strcmp(go, "go") || (size_t) len <= 3 || !valid_slot(go + 3)) {
        errno = EINVAL;
        run_failed(conn, "a malformed go");
    }
    bind_workspace(conn, go + 3);
    int n = 0;
    for (ssize_t i = 3 + (ssize_t) strlen(go + 3) + 1; i < len; i += (ssize_t) strlen(go + i) + 1) {
        if (n >= (int) (sizeof strings / sizeof strings[0]) - 1) {
            errno = E2BIG;
            run_failed(conn, "too many arguments");
        }
        strings[n++] = go + i;
    }
    strings[n] = NULL;
    *count = n;
    return strings;
}

/* A pre-started run's pid 1 waits for "go" (the workspace's mount name, then the arguments to add), binds the
 * workspace and releases the program: "/box" then the arguments, NUL-terminated, after their length. */
static void await_go(int conn, int release) {
    static char body[MAX_REQUEST + 8];
    int n;
    char **args = await_go_strings(conn, &n);
    size_t len = 0;
    memcpy(body + 8 + len, "/box", 5);
    len += 5;
    for (int i = 0; i < n; i++) {
        size_t sz = strlen(args[i]) + 1;
        if (len + sz > MAX_REQUEST) {
            errno = E2BIG;
            run_failed(conn, "release the program");
        }
        memcpy(body + 8 + len, args[i], sz);
        len += sz;
    }
    for (int i = 7; i >= 0; i--) body[7 - i] = (char) (unsigned char) (len >> (8 * i));
    /* The hook may be gone (the runtime failed to start): its status is the run's. */
    for (size_t done = 0; done < len + 8;) {
        ssize_t w = write(release, body + done, len + 8 - done);
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) {
            if (errno != EPIPE) run_failed(conn, "release the program");
            break;
        }
        done += (size_t) w;
    }
    close(release);
}

/* pid 1 of the run's new namespaces: set the run up, fork the program, report how it ended. Never returns. slot is
 * null for a run whose workspace comes with "go": a pre-started run (argv given; add the variables its program
 * gets) or a run set up ahead (argv null: it comes with "go" too). */
static void run_pid1(int conn, int *fds, int nfds, const char *slot, char **argv, char **add, int nadd) {
    for (int i = 3; i < nfds; i++) {
        if (write(fds[i], "0\n", 2) != 2) run_failed(conn, "join the run's cgroup");
        close(fds[i]);
    }
    if (unshare(CLONE_NEWCGROUP) != 0) run_failed(conn, "new cgroup namespace");
    /* Slave: a pre-started run still receives the workspace the host mounts below /.runbox/ws for it; nothing
     * mounted here reaches the box. */
    mount_or_fail(conn, NULL, "/", NULL, MS_REC | MS_SLAVE, NULL);
    if (slot) bind_workspace(conn, slot);
    mount_or_fail(conn, "tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, tmp_options);
    freeze_dev(conn);
    mount_or_fail(conn, "tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, tmp_options);
    mount_or_fail(conn, "proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
    guard_proc(conn);
    loopback_up(conn);

    if (!argv) {
        int n;
        argv = await_go_strings(conn, &n);
        if (n == 0) {
            errno = EINVAL;
            run_failed(conn, "a go without a command");
        }
        slot = "";
    }
    extern char **environ;
    char **envp = environ;
    int release[2] = {-1, -1};
    if (!slot) {
        envp = prestart_environment(conn, add, nadd);
        if (pipe2(release, O_CLOEXEC) != 0) run_failed(conn, "pipe for the release");
    }
    pid_t program = fork();
    if (program < 0) run_failed(conn, "fork the program");
    if (program == 0) exec_program(conn, fds, argv, envp, release[0]);
    for (int i = 0; i < 3; i++) close(fds[i]);
    if (!slot) {
        close(release[0]);
        signal(SIGPIPE, SIG_IGN); /* this process only: the program was forked before */
        await_go(conn, release[1]);
    }
    for (;;) {
        int status;
        pid_t w = waitpid(-1, &status, 0);
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) run_failed(conn, "waitpid");
        if (w == program) {
            char text[32];
            snprintf(text, sizeof text, "%d", status);
            say(conn, "status", text, 0);
            _exit(0);
        }
    }
}

static int valid_slot(const char *slot) {
    size_t len = strlen(slot);
    if (len == 0 || len > 64 || !strcmp(slot, ".") || !strcmp(slot, "..")) return 0;
    for (size_t i = 0; i < len; i++) {
        char c = slot[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
              || c == '.')) return 0;
    }
    return 1;
}

/* One request on one connection. */
static void serve(int conn) {
    char control[CMSG_SPACE(MAX_FDS * sizeof(int))];
    struct iovec iov = {request, MAX_REQUEST};
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t len = recvmsg(conn, &msg, MSG_CMSG_CLOEXEC);
    int fds[MAX_FDS];
    int nfds = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            int n = (int) ((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
            for (int i = 0; i < n && nfds < MAX_FDS; i++) memcpy(&fds[nfds++], CMSG_DATA(c) + i * sizeof(int), sizeof(int));
        }
    }
    /* "run", SLOT, ARGV... or "prestart", N, N variables, ARGV... or "ready" */
    static char *strings[MAX_ENV + 4100];
    int count = 0;
    int ok = len > 0 && !(msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) && nfds >= 3 && request[len - 1] == '\0';
    for (ssize_t i = 0; ok && i < len; i += (ssize_t) strlen(request + i) + 1) {
        if (count >= (int) (sizeof strings / sizeof strings[0]) - 1) ok = 0;
        else strings[count++] = request + i;
    }
    const char *slot = NULL;
    char **add = NULL;
    int nadd = 0;
    char **argv = NULL;
    if (ok && count >= 3 && !strcmp(strings[0], "run")) {
        slot = strings[1];
        argv = strings + 2;
        ok = valid_slot(slot);
    } else if (ok && count == 1 && !strcmp(strings[0], "ready")) {
        argv = NULL;
    } else if (ok && count >= 3 && !strcmp(strings[0], "prestart")) {
        char *end;
        long n = strtol(strings[1], &end, 10);
        ok = !*end && n >= 0 && n <= MAX_ENV && count >= 3 + n;
        add = strings + 2;
        nadd = (int) n;
        argv = strings + 2 + n;
    } else {
        ok = 0;
    }
    if (ok) strings[count] = NULL;
    if (!ok) {
        errno = EINVAL;
        say(conn, "fail", "malformed request", EINVAL);
    } else {
        say(conn, "ack", NULL, 0);
        pid_t pid = (pid_t) syscall(SYS_clone, CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWUTS | CLONE_NEWPID
                                                | SIGCHLD, NULL, NULL, NULL, 0);
        if (pid == 0) run_pid1(conn, fds, nfds, slot, argv, add, nadd);
        if (pid < 0) {
            say(conn, "fail", "clone into new namespaces", errno);
        }
        for (int i = 0; i < nfds; i++) close(fds[i]);
        nfds = 0;
        if (pid > 0) {
            while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
            }
        }
        say(conn, "done", NULL, 0);
    }
    for (int i = 0; i < nfds; i++) close(fds[i]);
}

int main(int argc, char **argv) {
    if (fcntl(STATUS_FD, F_SETFD, FD_CLOEXEC) != 0) _exit(125);
    if (argc != 3 || strcmp(argv[1], "--tmp-size")) {
        errno = EINVAL;
        die("usage: runbox-boxinit --tmp-size BYTES");
    }
    char *end;
    errno = 0;
    long long tmp = strtoll(argv[2], &end, 10);
    if (errno || *end || tmp < 4096) {
        errno = EINVAL;
        die("bad --tmp-size");
    }
    snprintf(tmp_options, sizeof tmp_options, "size=%lld,mode=1777", tmp);
    if (fcntl(LISTEN_FD, F_SETFD, FD_CLOEXEC) != 0) die("no listening socket on descriptor 12");
    load_filter();
    request = malloc(MAX_REQUEST);
    if (!request) die("out of memory");
    /* bubblewrap has made every mount of the box by now: the host may put workspaces below /.runbox/ws. */
    if (write(STATUS_FD, "ready\n", 6) != 6) die("cannot report on the status channel");
    for (;;) {
        int conn = accept4(LISTEN_FD, NULL, NULL, SOCK_CLOEXEC);
        if (conn < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            die("accept");
        }
        serve(conn);
        close(conn);
    }
}
