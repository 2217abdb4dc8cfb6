# A warm compiler driver gone bad, for WarmCompilersHostileTest: it speaks the session driver protocol, and what it
# does on "compile" is named by the first file's name: leaves links, a FIFO or a deep tree where the compiled
# classes would be, never answers, floods its answer, or dies. "ok" leaves one class file, as a compiler would.
import base64, os, sys, time

nonce = sys.stdin.readline().strip()
calls = 0


def reply(code, out=b"", err=b""):
    b64 = lambda b: base64.b64encode(b).decode() or "-"
    sys.stdout.write("\n\x1eRUNBOX %s %d %d %s %s 0\n" % (nonce, calls, code, b64(out), b64(err)))
    sys.stdout.flush()


for line in sys.stdin:
    parts = line.split()
    if not parts:
        continue
    calls += 1
    if parts[0] == "ping":
        reply(0)
        continue
    what = base64.b64decode(parts[2]).decode() if len(parts) > 2 else ""
    for name in os.listdir("/box"):
        os.system("rm -rf /box/'%s'" % name)
    if what == "ok":
        with open("/box/Main.class", "wb") as f:
            f.write(b"\xca\xfe\xba\xbe")
        reply(0)
    elif what == "link":
        os.symlink("/etc/shadow", "/box/Main.class")
        os.symlink("/", "/box/root")
        reply(0)
    elif what == "fifo":
        os.mkfifo("/box/Main.class")
        reply(0)
    elif what == "deep":
        os.chdir("/box")
        for _ in range(1500):
            os.mkdir("d" * 200)
            os.chdir("d" * 200)
        os.chdir("/")
        reply(0)
    elif what == "hang":
        time.sleep(3600)
    elif what == "flood":
        reply(1, b"", b"e" * (4 << 20))
    elif what == "die":
        os._exit(1)
    else:
        reply(2, b"", b"unknown\n")
