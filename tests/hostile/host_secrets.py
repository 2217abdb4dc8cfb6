# expect: OK
# limits: wall=3s memory=128m
# stdout-matches: (?m)^/etc/shadow: unreadable
# stdout-not-matches: (?m)^/etc/shadow\| 
# stdout-not-matches: (?m)^/root: \[.+\]$
# stdout-matches: (?m)^visible pids: \[1, 2\]$
# stdout-not-matches: (?m)^/proc/\d+/environ: .*(JAVA_HOME|MAVEN|PWD=/work|HOME=/root|SSL_CERT|PYENV|SUDO_|SSH_)
# stdout-not-matches: surefire|runbox\.home|/work/|process_api|systemd|sshd
#
# Host secrets: reads /etc/shadow, lists /root and /home, and reads the environment and command line of
# pid 1 and of every process it can see in /proc. None of the host's data may show: the box sees its own
# /etc (passwd and group only), no /root, and a private pid namespace with just bubblewrap's init (pid 1,
# empty environment) and the program (the box's minimal environment), so no host process, its
# environment or its command line is visible.
import os


def show(path):
    try:
        with open(path, "rb") as f:
            data = f.read(4096)
        print(f"{path}: readable")
        for line in data.decode("utf-8", "replace").splitlines():
            print(f"{path}| {line}")
    except OSError as e:
        print(f"{path}: unreadable ({type(e).__name__})")


def listing(path):
    try:
        print(f"{path}: {sorted(os.listdir(path))}")
    except OSError as e:
        print(f"{path}: unlistable ({type(e).__name__})")


for p in ("/etc/shadow", "/etc/gshadow", "/etc/sudoers", "/root/.bash_history", "/root/.ssh/id_rsa",
          "/etc/hostname", "/etc/passwd"):
    show(p)
for p in ("/root", "/home", "/etc", "/"):
    listing(p)

pids = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
print("visible pids:", pids)
for pid in pids:
    for what in ("environ", "cmdline"):
        path = f"/proc/{pid}/{what}"
        try:
            with open(path, "rb") as f:
                text = f.read().replace(b"\0", b" ").decode("utf-8", "replace")
            print(f"{path}: {text!r}")
        except OSError as e:
            print(f"{path}: unreadable ({type(e).__name__})")
