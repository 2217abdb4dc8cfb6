# expect: MEMORY_LIMIT
# limits: wall=4s memory=128m
#
# Memory bomb: allocate and touch 8 MiB blocks until something stops us. With a 128 MiB limit the memory
# cgroup must OOM-kill the box (exit 137, signal 9) long before the host notices.
blocks = []
total = 0
while True:
    blocks.append(b"x" * (8 << 20))
    total += 8
    if total % 64 == 0:
        print(f"allocated {total} MiB", flush=True)
