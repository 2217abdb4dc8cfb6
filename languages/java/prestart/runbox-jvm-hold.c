/*
 * Runbox's pre-start hook for the JVM: holds a started Java virtual machine just before its main class.
 *
 * The box starts the run command with "-agentpath:/.runbox/prestart/librunbox-jvm-hold.so" added (language.yaml's
 * prestart.command) and RUNBOX_PRESTART_FD naming a pipe; its working directory is /box, still empty. The JVM loads
 * this agent while it starts and calls it back once it is initialised (JVMTI's VMInit): the system class loader is
 * made, the main class not yet looked for. The agent blocks there on the pipe until the release arrives (an 8-byte
 * big-endian length, then NUL-terminated strings: the working directory, then the program's arguments), enters the
 * directory, removes RUNBOX_PRESTART_FD from the environment (before Java reads it) and gives up its JVMTI
 * environment. The java launcher then does all the rest exactly as for a cold start: it loads the main class
 * through the system class loader and runs main in the thread "main", with its own messages for a missing class or
 * main method, its stack traces and exit statuses. On EOF, a malformed release, a directory it cannot enter, or
 * arguments (a JVM's are fixed when it starts: the box pre-starts only the very command it serves) it exits at once
 * with status 125 and writes nothing (the run was cancelled).
 *
 * What a program can still tell from a cold start: the JVM's own arguments (RuntimeMXBean.getInputArguments(),
 * /proc/self/cmdline) include the -agentpath option; /proc/self/environ (not System.getenv()) still shows
 * RUNBOX_PRESTART_FD; /proc/self/maps shows this library; and the JVM's start time and uptime count from the
 * pre-start, not from the release.
 */
#include <errno.h>
#include <jvmti.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FD_VAR "RUNBOX_PRESTART_FD"
/* A release carries the working directory only: a path, at most PATH_MAX bytes with its NUL. */
#define MAX_RELEASE 4096
#define CANCELLED 125

static void read_exactly(int fd, char *buf, size_t n) {
    size_t have = 0;
    while (have < n) {
        ssize_t got = read(fd, buf + have, n - have);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) _exit(CANCELLED);
        have += (size_t) got;
    }
}

/* Blocks until the release; enters its directory. Exits 125 on anything else. */
static void await_release(const char *fd_text) {
    char *end;
    errno = 0;
    long fd = strtol(fd_text, &end, 10);
    if (errno || end == fd_text || *end || fd < 0 || fd > 1 << 20) _exit(CANCELLED);
    unsigned char head[8];
    read_exactly((int) fd, (char *) head, sizeof head);
    unsigned long long length = 0;
    for (int i = 0; i < 8; i++) length = length << 8 | head[i];
    static char body[MAX_RELEASE];
    if (length < 2 || length > MAX_RELEASE) _exit(CANCELLED);
    read_exactly((int) fd, body, (size_t) length);
    /* One string, NUL-terminated: the directory; a second NUL would start an argument. */
    if (memchr(body, '\0', (size_t) length) != body + length - 1) _exit(CANCELLED);
    if (chdir(body) != 0) _exit(CANCELLED);
    close((int) fd);
}

static void JNICALL on_vm_init(jvmtiEnv *jvmti, JNIEnv *jni, jthread thread) {
    (void) jni;
    (void) thread;
    const char *fd_text = getenv(FD_VAR);
    if (fd_text) {
        await_release(fd_text);
        unsetenv(FD_VAR);
    }
    (*jvmti)->SetEventNotificationMode(jvmti, JVMTI_DISABLE, JVMTI_EVENT_VM_INIT, NULL);
    (*jvmti)->DisposeEnvironment(jvmti);
}

JNIEXPORT jint JNICALL Agent_OnLoad(JavaVM *vm, char *options, void *reserved) {
    (void) options;
    (void) reserved;
    jvmtiEnv *jvmti;
    if ((*vm)->GetEnv(vm, (void **) &jvmti, JVMTI_VERSION_1_2) != JNI_OK) _exit(CANCELLED);
    jvmtiEventCallbacks callbacks;
    memset(&callbacks, 0, sizeof callbacks);
    callbacks.VMInit = on_vm_init;
    if ((*jvmti)->SetEventCallbacks(jvmti, &callbacks, sizeof callbacks) != JVMTI_ERROR_NONE
        || (*jvmti)->SetEventNotificationMode(jvmti, JVMTI_ENABLE, JVMTI_EVENT_VM_INIT, NULL) != JVMTI_ERROR_NONE) {
        _exit(CANCELLED);
    }
    return JNI_OK;
}
