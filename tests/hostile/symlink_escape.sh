# expect: OK
# limits: wall=3s memory=128m
# host-canary: /var/tmp/runbox-hostile-canary
# stdout-matches: (?m)^read /box/shadow: failed
# stdout-matches: (?m)^read /box/rel-shadow: failed
# stdout-matches: (?m)^list /box/rootdir: failed
# stdout-matches: (?m)^read /box/canary/keep.txt: failed
# stdout-matches: (?m)^hardlink /etc/passwd: failed
# stdout-not-matches: (?m)^list /box/p1root/var/lib: ok: .*\b(runbox|dpkg|apt)\b
# stdout-not-matches: (?m)^read /box/(shadow|rel-shadow|canary/keep\.txt): ok
# stdout-not-matches: (?m)^list /box/rootdir: ok
# stdout-not-matches: runbox-canary-content
#
# Symlinks out of the workspace: links in /box pointing at /etc/shadow, /root, a relative ../../ path,
# /proc/1/root, and at a canary directory the test creates on the host (/var/tmp/runbox-hostile-canary).
# Links resolve inside the box's own mount namespace, so nothing of the host is reachable through them;
# the links stay behind in the workspace, and the host must delete them without following them (the test
# checks that the canary survives the workspace cleanup). A hard link to a host file must fail too.
attempt() { # attempt LABEL CMD...
  local label=$1; shift
  local out
  if out=$("$@" 2>&1); then echo "$label: ok: $(echo $out | head -c 300)"; else echo "$label: failed (${out##*: })"; fi
}
ln -s /etc/shadow /box/shadow
ln -s ../../../../../../etc/shadow /box/rel-shadow
ln -s /root /box/rootdir
ln -s /proc/1/root /box/p1root
ln -s /var/tmp/runbox-hostile-canary /box/canary
ln -s /var/tmp/runbox-hostile-canary/keep.txt /box/canary-file
ln -s /etc /box/hostetc
mkdir -p /box/deep/er && ln -s ../../.. /box/deep/er/up
attempt "read /box/shadow" cat /box/shadow
attempt "read /box/rel-shadow" cat /box/rel-shadow
attempt "list /box/rootdir" ls -A /box/rootdir/
attempt "list /box/p1root" ls -A /box/p1root/
attempt "list /box/p1root/var/lib" ls -A /box/p1root/var/lib
attempt "read /box/canary/keep.txt" cat /box/canary/keep.txt
attempt "read /box/canary-file" cat /box/canary-file
attempt "list /box/deep/er/up" ls -A /box/deep/er/up/
attempt "hardlink /etc/passwd" ln /etc/passwd /box/passwd-hardlink
attempt "hardlink /usr/bin/bash" ln /usr/bin/bash /box/bash-hardlink
ls -la /box
