/*
 * runbox-boxlaunch: the last privileged step before bubblewrap.
 *
 * Started by Runbox as root, it puts itself into the run's cgroups, sets the run's rlimits, opens the
 * seccomp filter on a known descriptor, drops to the box's unprivileged host uid/gid with no groups and
 * no capabilities, and execs bubblewrap. Doing this in one small exec instead of a shell plus setpriv
 * saves two process images per run and leaves no window in which the tree is outside its cgroup.
 *
 * usage: runbox-boxlaunch [--cgroup PROCS_FILE]... --uid N --gid N
 *                         [--rlimit fsize=N] [--rlimit nofile=N] [--rlimit core=N] [--rlimit stack=N]
 *                         [--seccomp FILE --seccomp-fd N] -- BWRAP ARGS...
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

static void die(const char *what, const char *arg) {
    fprintf(stderr, "runbox-boxlaunch: %s %s: %s\n", what, arg ? arg : "", strerror(errno));
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

int main(int argc, char **argv) {
    long uid = -1, gid = -1, seccomp_fd = -1;
    const char *seccomp_file = NULL;
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) { i++; break; }
        if (i + 1 >= argc) { errno = EINVAL; die("missing value for", a); }
        const char *v = argv[++i];
        if (!strcmp(a, "--cgroup")) join_cgroup(v);
        else if (!strcmp(a, "--uid")) uid = parse_num(v, a);
        else if (!strcmp(a, "--gid")) gid = parse_num(v, a);
        else if (!strcmp(a, "--rlimit")) set_rlimit(v);
        else if (!strcmp(a, "--seccomp")) seccomp_file = v;
        else if (!strcmp(a, "--seccomp-fd")) seccomp_fd = parse_num(v, a);
        else { errno = EINVAL; die("unknown option", a); }
    }
    if (i >= argc) { errno = EINVAL; die("no command after", "--"); }
    if (uid <= 0 || gid <= 0) { errno = EINVAL; die("refusing to run as root:", "--uid/--gid required"); }

    if (seccomp_file) {
        if (seccomp_fd < 3) { errno = EINVAL; die("--seccomp-fd must be >= 3 with", seccomp_file); }
        int fd = open(seccomp_file, O_RDONLY);
        if (fd < 0) die("cannot open", seccomp_file);
        if (fd != seccomp_fd) {
            if (dup2(fd, (int) seccomp_fd) < 0) die("dup2", seccomp_file);
            close(fd);
        }
    }

    if (setgroups(0, NULL) != 0) die("setgroups", NULL);
    if (setresgid((gid_t) gid, (gid_t) gid, (gid_t) gid) != 0) die("setresgid", NULL);
    if (setresuid((uid_t) uid, (uid_t) uid, (uid_t) uid) != 0) die("setresuid", NULL);
    if (getuid() == 0 || geteuid() == 0) { errno = EPERM; die("still root after", "setresuid"); }
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) die("no_new_privs", NULL);

    execv(argv[i], &argv[i]);
    die("cannot exec", argv[i]);
    return 125;
}
