# What a program can see of how it was started: each must be the cold start's.
import os
import posix
import subprocess
import sys

import sitecustomize

print("name", __name__, "file", __file__)
print("argv", sys.argv, "orig_argv", sys.orig_argv)
print("path", sys.path)
print("modules", list(sys.modules))
print("importer_cache", list(sys.path_importer_cache))
print("environ", list(os.environ.items()))
print("posix.environ", list(posix.environ.items()))
print("cwd", os.getcwd(), "listing", sorted(os.listdir(".")))
print("isatty", [os.isatty(fd) for fd in (0, 1, 2)])
print("fds", sorted(os.listdir("/proc/self/fd"), key=int))
print("sitecustomize", sitecustomize)
print("flags", sys.flags)
print("data", open("data.txt").read().strip())
print("first open", open("data.txt").fileno())
sys.stdout.flush()
subprocess.run(["/usr/bin/env"], check=True)
subprocess.run([sys.executable, "-c", "import sys; print('child path', sys.path, list(sys.modules))"], check=True)
