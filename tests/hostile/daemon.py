# expect: OK
# limits: wall=20s memory=128m
# max-wall-ms: 10000
# host-no-process: runbox-hostile-daemon
# stdout-matches: (?m)^daemon \d+ detached in session \d+; parent exits now$
#
# Daemon: double-forks and calls setsid so that its grandchild is reparented away from the program,
# in a new session, holding stdout/stderr open, then execs `sleep 60` under the name runbox-hostile-daemon.
# The program itself exits 0 at once (OK). The run must end right away (not wait for the daemon's
# pipes), and afterwards no process of a box uid, and none named runbox-hostile-daemon, may exist on the host.
import os

r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.setsid()
    if os.fork() > 0:
        os._exit(0)
    os.close(r)
    os.write(w, f"{os.getpid()} {os.getsid(0)}".encode())
    os.close(w)
    os.execv("/bin/sleep", ["runbox-hostile-daemon", "60"])
os.close(w)
os.waitpid(pid, 0)
daemon, sid = os.read(r, 64).decode().split()
print(f"daemon {daemon} detached in session {sid}; parent exits now", flush=True)
