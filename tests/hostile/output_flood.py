# expect: OUTPUT_LIMIT
# limits: wall=4s memory=128m
# truncated: true
#
# Output flood: tries to write 100 MB to stdout. The output cap (10 MiB by default) must cut it off, kill
# the box and mark the result truncated; the engine must not buffer 100 MB.
import sys
line = b"A" * 1023 + b"\n"
chunk = line * 1024  # 1 MiB
for _ in range(100):
    sys.stdout.buffer.write(chunk)
sys.stdout.buffer.flush()
print("wrote 100 MiB and was not stopped", file=sys.stderr)
