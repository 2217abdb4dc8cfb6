/*
 * runbox-boxexec: the first program of every box, which execs the command.
 *
 * bubblewrap runs this in place of the command, so the host learns whether the command itself started: just
 * before the exec, this writes "exec" to the box's status channel (descriptor 13, from runbox-boxlaunch --status),
 * which it has made close-on-exec, so the program never holds it. When it cannot exec, it writes one line starting
 * "runbox-boxexec:" there instead and exits 125. A program's own output and exit status thus never pass for a
 * failure of the box, and a box that ends with no "exec" on its channel never started its program.
 *
 * usage: runbox-boxexec COMMAND [ARGS]...   a box started for its command
 *        runbox-boxexec                     a warm box, set up before anyone knew its command
 *
 * A warm box reads its command from descriptor 12 (a FIFO runbox-boxlaunch made, --fifo), where it waits until
 * Runbox releases it: an 8-byte big-endian length, then that many bytes of NUL-terminated arguments. The length
 * says where the message ends, so any bytes (newlines, empty arguments) round-trip and a short message is refused.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define RELEASE_FD 12
#define STATUS_FD 13
#define MAX_BYTES (8u << 20)

static int status_open;

static void fail(const char *what, const char *arg) {
    char line[1024];
    int n = snprintf(line, sizeof line, "runbox-boxexec: %s %s: %s\n", what, arg ? arg : "", strerror(errno));
    if (n < 0) _exit(125);
    if (n >= (int) sizeof line) {
        n = (int) sizeof line - 1;
        line[n - 1] = '\n';
    }
    if (!status_open || write(STATUS_FD, line, (size_t) n) != n) {
        if (write(STDERR_FILENO, line, (size_t) n) < 0) _exit(125);
    }
    _exit(125);
}

/* Reads exactly len bytes; fails on an early end. */
static void read_exactly(int fd, unsigned char *buf, size_t len) {
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(fd, buf + got, len - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("cannot read the command", NULL);
        if (n == 0) { errno = EPIPE; fail("the command ended early", NULL); }
        got += (size_t) n;
    }
}

/* A warm box's command, as Runbox releases it on RELEASE_FD. */
static char **read_release(void) {
    unsigned char head[8];
    read_exactly(RELEASE_FD, head, sizeof head);
    uint64_t len = 0;
    for (size_t i = 0; i < sizeof head; i++) len = (len << 8) | head[i];
    if (len == 0 || len > MAX_BYTES) { errno = E2BIG; fail("bad command length", NULL); }
    char *buf = malloc((size_t) len);
    if (!buf) fail("out of memory", NULL);
    read_exactly(RELEASE_FD, (unsigned char *) buf, (size_t) len);
    close(RELEASE_FD);
    if (buf[len - 1] != '\0') { errno = EINVAL; fail("malformed command", NULL); }

    size_t count = 0;
    for (size_t i = 0; i < len; i++) count += buf[i] == '\0';
    char **argv = calloc(count + 1, sizeof *argv);
    if (!argv) fail("out of memory", NULL);
    size_t k = 0;
    for (size_t i = 0; i < len; i += strlen(buf + i) + 1) argv[k++] = buf + i;
    argv[k] = NULL;
    return argv;
}

int main(int argc, char **argv) {
    status_open = fcntl(STATUS_FD, F_SETFD, FD_CLOEXEC) == 0;
    if (!status_open) fail("no status channel on descriptor", "13");
    char **command = argc > 1 ? argv + 1 : read_release();
    if (write(STATUS_FD, "exec\n", 5) != 5) fail("cannot report on the status channel", NULL);
    /* A file written just before the box started (the host's copy of a workspace, a compile cache's tree) can be
     * busy for a moment: a process the host forked meanwhile may hold the writer's descriptor until it execs.
     * ETXTBSY passes; retry for up to a second before calling it a failure. */
    for (int tries = 0;; tries++) {
        execvp(command[0], command);
        if (errno != ETXTBSY || tries >= 100) break;
        struct timespec pause = {0, 10 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    fail("cannot exec", command[0]);
    return 125;
}
