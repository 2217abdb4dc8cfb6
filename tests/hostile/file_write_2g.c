// expect: OUTPUT_LIMIT
// limits: wall=4s memory=128m
// exit: 153
// signal: 25
// truncated: false
//
// Disk flood: writes a 2 GiB file into the workspace (/box, which lives on the host's disk). The fsize
// rlimit (64 MiB by default) must stop it with SIGXFSZ, which the engine reports as OUTPUT_LIMIT.
// (C, not Python: CPython ignores SIGXFSZ and would see EFBIG instead.)
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

int main(void) {
    static char buf[1 << 20];
    memset(buf, 'z', sizeof buf);
    int fd = open("/box/big.bin", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        perror("open");
        return 1;
    }
    for (int mib = 0; mib < 2048; mib++) {
        if (write(fd, buf, sizeof buf) != (ssize_t) sizeof buf) {
            perror("write");
            return 2;
        }
    }
    printf("wrote 2 GiB\n");
    return 0;
}
