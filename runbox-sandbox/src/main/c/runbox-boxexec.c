/*
 * runbox-boxexec: the first program of a box started ahead of its request (a warm box).
 *
 * A warm box is set up (namespaces, mounts, cgroup, uid) before anyone knows what it will run, so bubblewrap
 * execs this instead of the command. When the request comes, Runbox writes the command's arguments to a file
 * the box already holds open as descriptor 12 (NUL-terminated strings) and only then lets bubblewrap go on
 * (--block-fd). This reads them, closes the descriptor and execs the command in its place, so the program is
 * the box's first process exactly as in a box started for it. It exits 125 when it cannot, naming why.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ARGV_FD 12
#define MAX_BYTES (8 << 20)

static void fail(const char *what, const char *arg) {
    fprintf(stderr, "runbox-boxexec: %s %s: %s\n", what, arg ? arg : "", strerror(errno));
    _exit(125);
}

int main(void) {
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    if (!buf) fail("out of memory", NULL);
    for (;;) {
        if (len == cap) {
            if (cap >= MAX_BYTES) { errno = E2BIG; fail("arguments too long", NULL); }
            cap *= 2;
            buf = realloc(buf, cap);
            if (!buf) fail("out of memory", NULL);
        }
        ssize_t n = read(ARGV_FD, buf + len, cap - len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("cannot read the arguments", NULL);
        if (n == 0) break;
        len += (size_t) n;
    }
    close(ARGV_FD);
    if (len == 0 || buf[len - 1] != '\0') { errno = EINVAL; fail("malformed arguments", NULL); }

    size_t count = 0;
    for (size_t i = 0; i < len; i++) count += buf[i] == '\0';
    char **argv = calloc(count + 1, sizeof *argv);
    if (!argv) fail("out of memory", NULL);
    size_t k = 0;
    for (size_t i = 0; i < len; i += strlen(buf + i) + 1) argv[k++] = buf + i;
    argv[k] = NULL;
    execvp(argv[0], argv);
    fail("cannot exec", argv[0]);
    return 125;
}
