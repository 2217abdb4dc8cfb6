package io.runbox.sandbox;

/**
 * One leak of the {@link LeakSuite}: a shell script run in {@code /box} that plants one kind of state (run A) and
 * one that looks for it (run B). A check either prints a line with {@code FOUND} for each thing of another run it
 * found, or prints what it sees for the suite to compare with a fresh box's. Python parts are in {@code leak.py}.
 */
record Leak(String plant, String check) {
    static final Leak FILES_IN_TMP = new Leak(
            "echo secret > /tmp/runbox-leak; mkdir -p /tmp/.hidden/deep; echo secret > /tmp/.hidden/deep/f; ls -A /tmp",
            "find /tmp -mindepth 1 | sed 's/^/FOUND /'; echo looked in /tmp");
    static final Leak FILES_IN_DEV_SHM = new Leak(
            "echo secret > /dev/shm/runbox-leak; mkdir -p /dev/shm/.hidden; echo secret > /dev/shm/.hidden/f; ls -A /dev/shm",
            "find /dev/shm -mindepth 1 | sed 's/^/FOUND /'; echo looked in /dev/shm");
    static final Leak FILES_IN_BOX = new Leak(
            "echo secret > /box/runbox-leak; mkdir -p /box/.hidden; echo secret > /box/.hidden/f; ls -A /box",
            "ls -A /box");
    static final Leak DEV_ENTRIES = new Leak(
            "for made in 'mkdir /dev/runbox-leak-dir' 'touch /dev/runbox-leak' 'mkfifo /dev/runbox-leak-fifo'"
                    + " 'ln -s /box /dev/runbox-leak-link' 'mknod /dev/runbox-leak-null c 1 3'"
                    + " 'python3 -c \"import socket; socket.socket(socket.AF_UNIX).bind(\\\"/dev/runbox-leak-sock\\\")\"';"
                    + " do eval \"$made\" 2>&1 && echo \"made: $made\"; done; ls -A /dev",
            "ls -A /dev");
    static final Leak SYSV_IPC = python("plant-sysv", "check-sysv");
    static final Leak POSIX_MESSAGE_QUEUE = python("plant-mq", "check-mq");
    static final Leak ABSTRACT_SOCKET = python("plant-socket", "check-socket");
    static final Leak DAEMON = python("plant-daemon", "check-processes");
    static final Leak STOPPED_PROCESS = python("plant-stopped", "check-processes");
    static final Leak ZOMBIE = python("plant-zombie", "check-processes");
    /** The plant prints its own pid first, then starts 40 processes; the check prints its pid. */
    static final Leak PID_NUMBERS = new Leak("echo $$; for i in $(seq 40); do /bin/true; done", "echo $$");
    static final Leak ENVIRONMENT = new Leak(
            "export RUNBOX_LEAK=secret PATH=/tmp/leak:$PATH; echo 'export RUNBOX_LEAK=secret' >> /tmp/.profile;"
                    + " echo 'export RUNBOX_LEAK=secret' >> /box/.profile; env | sort",
            "env | sort");
    static final Leak RLIMITS = new Leak(
            "python3 leak.py plant-rlimits; ulimit -S -n 16; ulimit -H -n 16; ulimit -s 1024; ulimit -a",
            "ulimit -a; ulimit -Ha");
    static final Leak CWD = new Leak("cd /; mkdir -p /tmp/elsewhere; cd /tmp/elsewhere; pwd",
            "pwd; readlink /proc/self/cwd");
    static final Leak DESCRIPTORS = new Leak(
            "exec 7>/tmp/runbox-leak-fd 8</dev/null 9>&1; python3 leak.py plant-descriptors",
            "python3 leak.py check-descriptors");
    static final Leak CGROUP = new Leak("python3 leak.py plant-cgroup",
            "cat /proc/self/cgroup; for f in /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/pids/pids.max"
                    + " /sys/fs/cgroup/memory.max /sys/fs/cgroup/pids.max; do"
                    + " if [ -r $f ]; then echo \"$f: $(cat $f)\"; else echo \"$f: not readable\"; fi; done;"
                    + " echo oom_score_adj $(cat /proc/self/oom_score_adj); echo nice $(cut -d' ' -f19 /proc/self/stat)");
    static final Leak KEYRING = python("plant-keyring", "check-keyring");
    static final Leak HOSTNAME = new Leak("python3 leak.py plant-hostname; hostname leaked 2>&1 || true",
            "hostname; cat /proc/sys/kernel/hostname /proc/sys/kernel/domainname");

    private static Leak python(String plant, String check) {
        return new Leak("python3 leak.py " + plant, "python3 leak.py " + check);
    }
}
