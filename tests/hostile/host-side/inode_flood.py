# Finding 10: create empty files until the filesystem refuses. Each workspace has its own inode budget, so the
# flood ends at that budget and no other box is hindered.
import errno, os
os.mkdir("flood")
n = 0
try:
    while True:
        open("flood/%d" % n, "w").close()
        n += 1
except OSError as e:
    print("stopped", n, errno.errorcode.get(e.errno, e.errno))
