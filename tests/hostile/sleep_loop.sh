# expect: TIME_LIMIT
# limits: wall=2s memory=128m
# stdout-matches: ^still here 0
#
# Sleep loop: uses no CPU at all, so a CPU-time limit alone would never end it; the wall clock must.
i=0
while true; do
  echo "still here $i"
  i=$((i + 1))
  sleep 1
done
