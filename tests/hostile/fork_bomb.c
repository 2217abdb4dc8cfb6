// expect: TIME_LIMIT
// limits: wall=2s memory=128m
// stdout-matches: fork refused after \d+ children: Resource temporarily unavailable
// stdout-matches: (?m)^processes in the box: ([1-9]|[1-5][0-9]|6[0-4])$
//
// Fork bomb: every process forks as fast as it can, forever. The pids cgroup (64 tasks by default) must
// refuse the forks (EAGAIN), the wall clock must end the box, and nothing may survive on the host.
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    int children = 0;
    for (;;) {
        pid_t p = fork();
        if (p == 0) {
            for (;;) {
                fork();
            }
        }
        if (p < 0) {
            printf("fork refused after %d children: %s\n", children, strerror(errno));
            fflush(stdout);
            break;
        }
        children++;
    }
    // Let the bomb saturate, then count what the box can see: never more than the pids limit (64).
    usleep(300 * 1000);
    int seen = 0;
    DIR *proc = opendir("/proc");
    for (struct dirent *e; proc && (e = readdir(proc));) {
        if (atoi(e->d_name) > 0) {
            seen++;
        }
    }
    printf("processes in the box: %d\n", seen);
    fflush(stdout);
    for (;;) {
        fork();
    }
}
