# expect: MEMORY_LIMIT
# limits: wall=4s memory=128m
#
# Disk fill: many files, each under the 64 MiB file-size limit, 1.2 GB in all, into the workspace. The
# workspace is on Runbox's tmpfs, so every page written counts against the box's memory limit: the box is
# killed at 128 MiB instead of filling the host's disk.
for i in $(seq 1 20); do
  head -c 62914560 /dev/zero > "/box/fill-$i" || exit 3
  echo "wrote $((i * 60)) MiB"
done
