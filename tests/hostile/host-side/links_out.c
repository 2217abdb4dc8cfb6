/* A compile whose output holds links to host paths (planted by compiler_options -wrapper, see
 * HostSideHostileTest), and a run that reads through them and tries hard links: the run sees only its own box,
 * and the host never follows the links when it hands the workspace to the run (the canary keeps its owner). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void show(const char *path) {
    char buf[64] = {0};
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("%s: %s\n", path, strerror(errno));
        return;
    }
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    for (size_t i = 0; i < n; i++) if (buf[i] == '\n') buf[i] = ' ';
    printf("%s: read [%s]\n", path, buf);
    fclose(f);
}

int main(void) {
    show("/box/shadow");
    show("/box/canary");
    show("/box/root/etc/shadow");
    printf("hardlink /etc/passwd: %s\n", link("/etc/passwd", "/box/hl") == 0 ? "made" : strerror(errno));
    printf("hardlink into /tmp: %s\n", link("/box/main.c", "/tmp/hl") == 0 ? "made" : strerror(errno));
    return 0;
}
