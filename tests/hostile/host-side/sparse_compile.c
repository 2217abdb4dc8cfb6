/* Finding 8: the compile (through compiler_options -wrapper, see HostSideHostileTest) leaves eight 63 MiB sparse
 * files; the run, limited to 64 MiB, reports how much of them is really held. */
#include <stdio.h>
#include <sys/stat.h>

int main(void) {
    long long allocated = 0, size = 0;
    char name[32];
    for (int i = 1; i <= 8; i++) {
        struct stat st;
        snprintf(name, sizeof name, "/box/sparse%d", i);
        if (stat(name, &st) == 0) {
            allocated += (long long) st.st_blocks * 512;
            size += st.st_size;
        }
    }
    printf("size %lld allocated %lld\n", size, allocated);
    return 0;
}
