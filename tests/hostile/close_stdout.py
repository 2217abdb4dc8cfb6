# expect: TIME_LIMIT
# limits: wall=2s memory=128m
# max-wall-ms: 10000
# stdout-matches: ^before closing stdout\n$
#
# Closed stdout: prints a line, closes stdin, stdout and stderr (the engine's readers see EOF at once),
# then keeps running. EOF on the pipes must not be taken for the end of the program: the wall clock still
# ends it (TIME_LIMIT, exit 124), promptly, and the line written before the close is kept.
import os
import time

print("before closing stdout", flush=True)
for fd in (0, 1, 2):
    os.close(fd)
while True:
    time.sleep(0.05)
