# expect: OK
# limits: wall=3s memory=128m
# stdout-matches: (?m)^ls /var/lib/runbox: denied
# stdout-matches: (?m)^ls /box/\.\.: .*\bbox\b
# stdout-not-matches: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}
# stdout-not-matches: (?m)^found: 
#
# Other runs' workspaces: looks for the directories where Runbox keeps the workspaces of other boxes
# (host /var/lib/runbox/boxes/<uuid>), climbs out of /box with .., and searches every writable-looking
# place for files that are not its own. It must see only its own /box, an empty private /tmp and no
# workspace directory names (uuids). The concurrent writer/reader test in HostileCorpusTest goes further.
try_ls() {
  local out
  if out=$(ls -A "$1" 2>&1); then echo "ls $1: $(echo $out)"; else echo "ls $1: denied ($out)"; fi
}
for d in / /box /box/.. /box/../.. /var /var/lib /var/lib/runbox /var/lib/runbox/boxes /tmp /dev/shm /run /srv /mnt /home /opt; do
  try_ls "$d"
done
# Any file outside the read-only toolchain trees (and /.runbox, Runbox's read-only exec shim of boxes set up
# ahead of their request) other than the program itself.
find / \( -path /proc -o -path /sys -o -path /usr -o -path /dev -o -path /etc -o -path /opt/runbox \
  -o -path /var/lib/ghc -o -path /.runbox \) -prune -o -type f -print 2>/dev/null | grep -v -x /box/main.sh | sed 's/^/found: /' | head -50
echo done
