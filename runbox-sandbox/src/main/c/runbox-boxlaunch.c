/*
 * runbox-boxlaunch: the last privileged step before bubblewrap.
 *
 * Started by Runbox as root, it forks. The child puts itself into the run's cgroups, sets the run's
 * rlimits, opens the files bubblewrap reads from descriptors (the seccomp filter, the argument list),
 * drops to the box's unprivileged host uid/gid with no groups and no capabilities, and execs bubblewrap.
 * The parent stays outside the box's cgroup, so killing the box does not kill it; it drops its own
 * privileges, dies with Runbox (parent-death signal) and, as a child subreaper, reaps bubblewrap and
 * everything reparented to it (bubblewrap's in-box init would otherwise become a zombie of the host's
 * pid 1, never reaped where pid 1 is not an init). It exits with bubblewrap's status (128+N for signal N).
 *
 * usage: runbox-boxlaunch [--status N=FILE] [--cgroup PROCS_FILE]... --uid N --gid N
 *                         [--rlimit fsize=N|nofile=N|core=N|stack=N]... [--fd N=FILE]... [--fifo N=PATH]...
 *                         [--listen N=PATH]...
 *                         -- BWRAP ARGS...
 *
 * --status opens FILE (which must exist) for appending as descriptor N, first of all, and inherited by bubblewrap:
 * the box's status channel. This launcher reports its own failures there, one line starting "runbox-boxlaunch:",
 * and so does runbox-boxexec in the box, which also writes "exec" just before it execs the program and closes the
 * descriptor on that exec. The program never holds it, so nothing it prints passes for a failure of the box.
 * Without --status (or before it is open), failures go to stderr.
 *
 * --fifo makes a new FIFO at PATH (owned by root, mode 0600) and opens it read-write as descriptor N, inherited by
 * the box: a warm box's runbox-boxexec reads its command there. Runbox may write any time after PATH appears (it
 * appears already open).
 *
 * --listen makes a unix SOCK_SEQPACKET socket listening at PATH (owned by root, mode 0600) as descriptor N, inherited
 * by the box: a reused box's runbox-boxinit accepts its requests there (from Runbox itself, as root). Connections
 * made before the box accepts wait in the backlog; once every process of the box is gone, they are refused.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

/* The status channel (--status), or -1 before it is open. */
static int status_fd = -1;

static void die(const char *what, const char *arg) {
    char line[1024];
    int n = snprintf(line, sizeof line, "runbox-boxlaunch: %s %s: %s\n", what, arg ? arg : "", strerror(errno));
    if (n < 0) _exit(125);
    if (n >= (int) sizeof line) {
        n = (int) sizeof line - 1;
        line[n - 1] = '\n';
    }
    if (status_fd < 0 || write(status_fd, line, (size_t) n) != n) {
        if (write(STDERR_FILENO, line, (size_t) n) < 0) _exit(125);
    }
    _exit(125);
}

static long parse_num(const char *s, const char *what) {
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v < 0) {
        errno = EINVAL;
        die("bad number for", what);
    }
    return (long) v;
}

static void join_cgroup(const char *procs) {
    int fd = open(procs, O_WRONLY | O_CLOEXEC);
    if (fd < 0) die("cannot open", procs);
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%d\n", (int) getpid());
    if (write(fd, buf, n) != n) die("cannot join", procs);
    close(fd);
}

static void set_rlimit(const char *spec) {
    const char *eq = strchr(spec, '=');
    if (!eq) { errno = EINVAL; die("bad rlimit", spec); }
    size_t len = (size_t) (eq - spec);
    int resource;
    if (len == 5 && !strncmp(spec, "fsize", 5)) resource = RLIMIT_FSIZE;
    else if (len == 6 && !strncmp(spec, "nofile", 6)) resource = RLIMIT_NOFILE;
    else if (len == 4 && !strncmp(spec, "core", 4)) resource = RLIMIT_CORE;
    else if (len == 5 && !strncmp(spec, "stack", 5)) resource = RLIMIT_STACK;
    else { errno = EINVAL; die("unknown rlimit", spec); }
    struct rlimit rl;
    rl.rlim_cur = rl.rlim_max = (rlim_t) parse_num(eq + 1, spec);
    if (setrlimit(resource, &rl) != 0) die("setrlimit", spec);
}

/* The N of "N=PATH", between 3 and 1000; *path is set to PATH. */
static int fd_number(const char *spec, const char **path) {
    const char *eq = strchr(spec, '=');
    char num[16];
    size_t len = eq ? (size_t) (eq - spec) : 0;
    if (len == 0 || len >= sizeof num) { errno = EINVAL; die("bad descriptor spec", spec); }
    memcpy(num, spec, len);
    num[len] = 0;
    long target = parse_num(num, spec);
    if (target < 3 || target > 1000) { errno = EINVAL; die("descriptor must be between 3 and 1000:", spec); }
    *path = eq + 1;
    return (int) target;
}

/* Moves descriptor fd to number target (keeping it open across exec). */
static void move_fd(int fd, int target, const char *path) {
    if (fd != target) {
        if (dup2(fd, target) < 0) die("dup2", path);
        close(fd);
    }
}

/* "N=PATH": open PATH read-only as descriptor N (>= 3), inherited by bubblewrap. */
static void open_fd(const char *spec) {
    const char *path;
    int target = fd_number(spec, &path);
    int fd = open(path, O_RDONLY);
    if (fd < 0) die("cannot open", path);
    move_fd(fd, target, path);
}

/* "N=FILE": open FILE for appending as descriptor N, and report failures there from now on. */
static void open_status(const char *spec) {
    const char *path;
    int target = fd_number(spec, &path);
    int fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW);
    if (fd < 0) die("cannot open", path);
    move_fd(fd, target, path);
    status_fd = target;
}

/* "N=PATH": create a FIFO at PATH and open it read-write as descriptor N. */
static void open_fifo(const char *spec) {
    const char *path;
    int target = fd_number(spec, &path);
    /* Made and opened under a temporary name, then renamed: once PATH exists, this end is open, so what is
     * written there stays in the pipe (a FIFO nobody holds open drops what was written to it). */
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int) sizeof tmp) { errno = ENAMETOOLONG; die("bad --fifo", spec); }
    if (mkfifo(tmp, 0600) != 0) die("cannot make the fifo", tmp);
    int fd = open(tmp, O_RDWR);
    if (fd < 0) die("cannot open", tmp);
    if (rename(tmp, path) != 0) die("cannot rename the fifo to", path);
    move_fd(fd, target, path);
}

/* "N=PATH": a listening unix socket at PATH as descriptor N. */
static void open_listener(const char *spec) {
    const char *path;
    int target = fd_number(spec, &path);
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof addr.sun_path) { errno = ENAMETOOLONG; die("bad --listen", spec); }
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_SEQPACKET, 0);
    if (fd < 0) die("cannot make a socket for", path);
    mode_t old = umask(0177);
    int bound = bind(fd, (struct sockaddr *) &addr, sizeof addr);
    umask(old);
    if (bound != 0) die("cannot bind", path);
    if (listen(fd, 8) != 0) die("cannot listen on", path);
    move_fd(fd, target, path);
}

static void on_alarm(int sig) {
    (void) sig;
}

/*
 * After bubblewrap ends, reap what it left (its init, killed with the pid namespace), waiting at most a
 * second. Blocks in waitpid rather than polling: the init is usually still exiting when bubblewrap returns,
 * and a poll interval would be paid by every run. SIGALRM, installed without SA_RESTART, bounds the wait.
 */
static void reap_leftovers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGALRM, &sa, NULL) != 0) return;
    alarm(1);
    while (waitpid(-1, NULL, 0) > 0) {
    }
    alarm(0);
}

static void drop_privileges(long uid, long gid) {
    if (setgroups(0, NULL) != 0) die("setgroups", NULL);
    if (setresgid((gid_t) gid, (gid_t) gid, (gid_t) gid) != 0) die("setresgid", NULL);
    if (setresuid((uid_t) uid, (uid_t) uid, (uid_t) uid) != 0) die("setresuid", NULL);
    if (getuid() == 0 || geteuid() == 0) { errno = EPERM; die("still root after", "setresuid"); }
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) die("no_new_privs", NULL);
}

/* The box side: cgroups, rlimits, descriptors, privileges, then bubblewrap. Never returns. */
static void become_box(int argc, char **argv, long uid, long gid) {
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) { i++; break; }
        const char *v = argv[++i];
        if (!strcmp(a, "--status")) continue; /* open already */
        if (!strcmp(a, "--cgroup")) join_cgroup(v);
        else if (!strcmp(a, "--rlimit")) set_rlimit(v);
        else if (!strcmp(a, "--fd")) open_fd(v);
        else if (!strcmp(a, "--fifo")) open_fifo(v);
        else if (!strcmp(a, "--listen")) open_listener(v);
    }
    drop_privileges(uid, gid);
    execv(argv[i], &argv[i]);
    die("cannot exec", argv[i]);
}

int main(int argc, char **argv) {
    long uid = -1, gid = -1;
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) { i++; break; }
        if (i + 1 >= argc) { errno = EINVAL; die("missing value for", a); }
        const char *v = argv[++i];
        if (!strcmp(a, "--status")) open_status(v);
        else if (!strcmp(a, "--uid")) uid = parse_num(v, a);
        else if (!strcmp(a, "--gid")) gid = parse_num(v, a);
        else if (strcmp(a, "--cgroup") && strcmp(a, "--rlimit") && strcmp(a, "--fd")
                   && strcmp(a, "--fifo") && strcmp(a, "--listen")) {
            errno = EINVAL;
            die("unknown option", a);
        }
    }
    if (i >= argc) { errno = EINVAL; die("no command after", "--"); }
    if (uid <= 0 || gid <= 0) { errno = EINVAL; die("refusing to run as root:", "--uid/--gid required"); }

    if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) die("subreaper", NULL);
    pid_t child = fork();
    if (child < 0) die("fork", NULL);
    if (child == 0) {
        become_box(argc, argv, uid, gid);
    }
    drop_privileges(uid, gid);
    /* Set after the uid change, which clears it: if Runbox dies, so does the box (bwrap --die-with-parent). */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) die("pdeathsig", NULL);
    if (getppid() == 1) _exit(125);

    int status;
    while (waitpid(child, &status, 0) < 0) {
        if (errno != EINTR) die("waitpid", NULL);
    }
    reap_leftovers();
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 125;
}
