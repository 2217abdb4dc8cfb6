"""The programs of the leak suite (LeakSuite.java): `python3 leak.py WHAT` plants one kind of state (run A)
or looks for it (run B). A check prints one line per thing it looked at; a line with FOUND names a leak."""
import ctypes
import errno
import os
import resource
import signal
import socket
import sys
import time

libc = ctypes.CDLL(None, use_errno=True)
KEY = 0x52554E42  # the SysV key every plant uses: "RUNB"
IPC_CREAT = 0o1000
QUEUE = b"/runbox-leak"
SOCKET = "\0runbox-leak"
KEYRINGS = {"@s": -3, "@u": -4}
SYS_ADD_KEY, SYS_KEYCTL, KEYCTL_SEARCH = 248, 250, 10


def err():
    return errno.errorcode.get(ctypes.get_errno(), str(ctypes.get_errno()))


def detach(body):
    """Leaves `body` running in a daemon (double fork, setsid, no descriptors of the run's); returns once the
    daemon wrote its ready line, and that line."""
    r, w = os.pipe()
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.close(r)
            null = os.open("/dev/null", os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            body(lambda line: (os.write(w, (line + "\n").encode()), os.close(w)))
            os._exit(0)
        os._exit(0)
    os.close(w)
    os.wait()
    with os.fdopen(r) as ready:
        return ready.readline().strip()


def until(condition, what):
    deadline = time.monotonic() + 10
    while not condition():
        if time.monotonic() > deadline:
            sys.exit("not within 10 s: " + what)
        time.sleep(0.005)


def state_of(pid):
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()[0]


def sleep_forever(marker):
    return lambda ready: (ready(str(os.getpid())), os.execv("/bin/sleep", ["sleep", marker]))


# --- processes -------------------------------------------------------------------------------------------

def plant_daemon():
    print("daemon", detach(sleep_forever("601")))


def plant_stopped():
    def body(ready):
        ready(str(os.getpid()))
        os.kill(os.getpid(), signal.SIGSTOP)
        os.execv("/bin/sleep", ["sleep", "602"])
    pid = int(detach(body))
    until(lambda: state_of(pid) == "T", "the process stopped itself")
    print("stopped", pid)


def plant_zombie():
    def body(ready):
        child = os.fork()
        if child == 0:
            os._exit(0)
        ready(str(child))
        os.execv("/bin/sleep", ["sleep", "603"])  # never reaps the child
    pid = int(detach(body))
    until(lambda: state_of(pid) == "Z", "the child became a zombie")
    print("zombie", pid)


def check_processes():
    """Every process in /proc that is neither this program nor one of its ancestors is a FOUND leak."""
    own, pid = set(), os.getpid()
    while pid > 0:
        own.add(pid)
        try:
            with open(f"/proc/{pid}/stat") as f:
                pid = int(f.read().rsplit(")", 1)[1].split()[1])
        except FileNotFoundError:
            break
    for name in sorted(os.listdir("/proc"), key=lambda n: (len(n), n)):
        if name.isdigit() and int(name) not in own:
            try:
                with open(f"/proc/{name}/cmdline", "rb") as f:
                    cmd = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
                print(f"FOUND process {name} state {state_of(name)}: {cmd}")
            except (FileNotFoundError, ProcessLookupError):
                pass
    print("own processes", len(own))


# --- IPC ---------------------------------------------------------------------------------------------------

def plant_sysv():
    print("shm", libc.shmget(KEY, 4096, IPC_CREAT | 0o666), err())
    print("msg", libc.msgget(KEY, IPC_CREAT | 0o666), err())
    print("sem", libc.semget(KEY, 1, IPC_CREAT | 0o666), err())


def check_sysv():
    for kind, found in (("shm", libc.shmget(KEY, 0, 0)), ("msg", libc.msgget(KEY, 0)), ("sem", libc.semget(KEY, 0, 0))):
        print(f"FOUND {kind} id {found} by key" if found >= 0 else f"{kind} by key: {err()}")
        with open(f"/proc/sysvipc/{kind}") as listed:
            for row in listed.readlines()[1:]:
                print(f"FOUND {kind} listed: {row.split()[0]}")


def plant_mq():
    libc.mq_open.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.c_int, ctypes.c_void_p]
    print("mq", libc.mq_open(QUEUE, os.O_CREAT | os.O_RDWR, 0o666, None), err())


def check_mq():
    libc.mq_open.argtypes = [ctypes.c_char_p, ctypes.c_int]
    found = libc.mq_open(QUEUE, os.O_RDONLY)
    print(f"FOUND mq {QUEUE.decode()}" if found >= 0 else f"mq {QUEUE.decode()}: {err()}")


def plant_socket():
    def body(ready):
        s = socket.socket(socket.AF_UNIX)
        s.bind(SOCKET)
        s.listen(8)
        ready("listening")
        while True:
            s.accept()[0].close()
    print("socket", detach(body))


def check_socket():
    s = socket.socket(socket.AF_UNIX)
    try:
        s.connect(SOCKET)
        print("FOUND socket: connected to @runbox-leak")
    except OSError as e:
        print("connect:", errno.errorcode[e.errno])
    s = socket.socket(socket.AF_UNIX)
    try:
        s.bind(SOCKET)
        print("bind: ok")
    except OSError as e:
        print("FOUND socket: bind", errno.errorcode[e.errno])


# --- the process's own state --------------------------------------------------------------------------------

def visible_pids():
    return [int(n) for n in os.listdir("/proc") if n.isdigit()]


def plant_rlimits():
    for limit, value in ((resource.RLIMIT_NOFILE, 16), (resource.RLIMIT_STACK, 1 << 20)):
        resource.setrlimit(limit, (value, value))
        for pid in visible_pids():
            try:
                resource.prlimit(pid, limit, (value, value))
                print("lowered", pid, limit)
            except OSError as e:
                print("prlimit", pid, errno.errorcode[e.errno])


def plant_descriptors():
    def body(ready):
        for path in ("/tmp/runbox-leak-fd", "/box/runbox-leak-fd"):
            os.set_inheritable(os.open(path, os.O_CREAT | os.O_RDWR), True)
        for s in socket.socketpair():
            s.set_inheritable(True)
            s.detach()
        ready("holding")
        os.execv("/bin/sleep", ["sleep", "604"])
    print("descriptors", detach(body))


def check_descriptors():
    """Descriptors beyond 0, 1 and 2 are FOUND leaks; the one listing /proc/self/fd is closed by the time it is read."""
    for name in sorted(os.listdir("/proc/self/fd"), key=int):
        try:
            target = os.readlink(f"/proc/self/fd/{name}")
        except FileNotFoundError:
            continue
        print(f"fd {name}: {target}" if int(name) <= 2 else f"FOUND fd {name}: {target}")


CGROUP_FILES = ("/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/pids/pids.max",
                "/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/pids.max")


def plant_cgroup():
    """Tries to loosen its cgroup's limits and every visible process's OOM score, then uses memory and CPU, so a
    later run's accounting would show them if it shared the cgroup."""
    for file in CGROUP_FILES:
        try:
            with open(file, "w") as f:
                f.write("max")
            print("wrote", file)
        except OSError as e:
            print(file, errno.errorcode[e.errno])
    for pid in visible_pids():
        try:
            with open(f"/proc/{pid}/oom_score_adj", "w") as f:
                f.write("1000")
            print("oom_score_adj of", pid)
        except OSError as e:
            print("oom_score_adj", pid, errno.errorcode[e.errno])
    os.nice(19)
    block = bytearray(96 << 20)
    for i in range(0, len(block), 4096):
        block[i] = 1
    spin = 0
    while time.process_time() < 0.3:
        spin += 1
    print("held", len(block))


def plant_keyring():
    for name, ring in KEYRINGS.items():
        print(name, libc.syscall(SYS_ADD_KEY, b"user", b"runbox-leak", b"secret", 6, ring), err())


def check_keyring():
    for name, ring in KEYRINGS.items():
        found = libc.syscall(SYS_KEYCTL, KEYCTL_SEARCH, ring, b"user", b"runbox-leak", 0)
        print(f"FOUND key in {name}: {found}" if found >= 0 else f"key in {name}: {err()}")
    with open("/proc/keys") as keys:
        for line in keys:
            print("FOUND key listed:", line.strip())


def plant_hostname():
    print("sethostname", libc.sethostname(b"leaked", 6), err())
    print("setdomainname", libc.setdomainname(b"leaked", 6), err())


if __name__ == "__main__":
    globals()[sys.argv[1].replace("-", "_")]()
