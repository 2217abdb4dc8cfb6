# expect: OK
# limits: wall=3s memory=128m
# host-absent: /usr/runbox-hostile-marker
# host-absent: /etc/runbox-hostile-marker
# host-absent: /runbox-hostile-marker
# host-absent: /var/runbox-hostile-marker
# host-absent: /var/tmp/runbox-hostile-marker
# host-absent: /opt/runbox-hostile-marker
# host-absent: /opt/runbox/runbox-hostile-marker
# host-absent: /tmp/runbox-hostile-marker
# host-absent: /var/lib/runbox/runbox-hostile-marker
# host-absent: /var/lib/runbox/boxes/runbox-hostile-marker
# host-absent: /var/lib/runbox/etc/passwd.runbox-hostile-marker
# host-absent: /runbox-hostile-dir
# host-absent: /dev/shm/runbox-hostile-marker
# stdout-matches: (?m)^/box/runbox-hostile-marker: written$
# stdout-matches: (?m)^/tmp/runbox-hostile-marker: written$
# stdout-matches: (?m)^/usr/runbox-hostile-marker: refused
# stdout-matches: (?m)^/etc/runbox-hostile-marker: refused
# stdout-matches: (?m)^/runbox-hostile-marker: refused
# stdout-matches: (?m)^/etc/passwd: refused
# stdout-not-matches: (?m)^/(usr|etc|var|opt|lib|bin)(/[^:]*)?/runbox-hostile-marker: written$
# stdout-not-matches: (?m)^/(runbox-hostile-marker|runbox-hostile-dir|etc/passwd): written$
#
# Writing outside /box: tries to create a marker file in /usr, /etc, /, /var, /opt, Runbox's own state
# directory and /tmp, to make a directory in /, and to append to /etc/passwd. Only /box (the workspace),
# /tmp and /dev/shm (private tmpfs that die with the box) may take it; the root is read-only, and so are
# the host trees bound into it. The test then checks that no marker appeared anywhere on the host.
for p in /box /tmp /usr /usr/bin /usr/lib /etc / /var /var/tmp /var/lib/runbox /var/lib/runbox/boxes /opt /opt/runbox /lib /bin /dev/shm; do
  f="${p%/}/runbox-hostile-marker"
  if err=$( { echo pwned > "$f"; } 2>&1 ); then echo "$f: written"; else echo "$f: refused (${err##*: })"; fi
done
if err=$( { echo 'evil::0:0::/:/bin/sh' >> /etc/passwd; } 2>&1 ); then echo "/etc/passwd: written"; else echo "/etc/passwd: refused (${err##*: })"; fi
if err=$( { echo x > /var/lib/runbox/etc/passwd.runbox-hostile-marker; } 2>&1 ); then echo "/var/lib/runbox/etc/passwd.runbox-hostile-marker: written"; else echo "/var/lib/runbox/etc/passwd.runbox-hostile-marker: refused (${err##*: })"; fi
if err=$(mkdir /runbox-hostile-dir 2>&1); then echo "/runbox-hostile-dir: written"; else echo "/runbox-hostile-dir: refused (${err##*: })"; fi
