#!/usr/bin/env bash
# The README's commands on a fresh Debian 12 machine, timed, with the disk each leaves: a fresh bookworm root
# (mmdebstrap --variant=important) under $FRESH (default /var/tmp/runbox-fresh-machine), this checkout cloned
# into it, each command run as root inside it (bubblewrap, the host's kernel and cgroups). Needs root, mmdebstrap,
# bubblewrap, a JDK >= 21 at $JAVA_HOME (bound read-only: Debian 12 has none) and about 35 GB for --set all.
# Usage: tests/fresh-machine/run.sh [COMMAND...]   (default: setup, --set popular, --set all)
set -u
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
F="${FRESH:-/var/tmp/runbox-fresh-machine}"
JDK="${JAVA_HOME:?set JAVA_HOME to a JDK >= 21}"
[ "$(id -u)" -eq 0 ] || { echo "run it as root" >&2; exit 2; }
rm -rf --one-file-system "$F"
mmdebstrap --variant=important --include=git,ca-certificates,procps bookworm "$F" >/dev/null 2>&1 \
  || { echo "mmdebstrap failed" >&2; exit 1; }
git clone -q "$REPO" "$F/root/runbox"
# A network that reaches the internet through a TLS proxy: the fresh machine trusts the same extra CAs.
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
  cp /usr/local/share/ca-certificates/*.crt "$F/usr/local/share/ca-certificates/"
  bwrap --bind "$F" / --proc /proc --dev /dev --perms 1777 --tmpfs /tmp -- update-ca-certificates >/dev/null 2>&1
fi
mkdir -p "$F$JDK"
inside() {
  bwrap --bind "$F" / --proc /proc --dev /dev --ro-bind /sys /sys --bind /sys/fs/cgroup /sys/fs/cgroup \
    --perms 1777 --tmpfs /tmp --ro-bind /etc/resolv.conf /etc/resolv.conf --ro-bind "$JDK" "$JDK" \
    --unshare-ipc --unshare-uts --die-with-parent --setenv HOME /root --setenv JAVA_HOME "$JDK" \
    --setenv PATH /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --chdir /root/runbox -- "$@"
}
disk() { du -sx --block-size=1M "$F" 2>/dev/null | cut -f1; }
echo "fresh: $(disk) MB"
[ $# -gt 0 ] || set -- "./runbox setup" "./runbox languages install --set popular" "./runbox languages install --set all"
for step in "$@"; do
  log="$F.$(echo "$step" | tr -c 'a-z0-9\n' '_').log"
  s=$(date +%s); inside bash -c "$step" > "$log" 2>&1; rc=$?
  echo "$step: exit $rc, $(( $(date +%s) - s )) s, disk $(disk) MB (log: $log)"
done
