# expect: TIME_LIMIT
# limits: wall=2s memory=128m
#
# Infinite CPU loop: never returns, never sleeps. The wall-time limit must kill it (exit 124, no signal).
n = 0
while True:
    n += 1
