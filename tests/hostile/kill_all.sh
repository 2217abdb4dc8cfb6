# expect: OK
# limits: wall=3s memory=128m
# stdout-matches: (?m)^background sleep ended with 137$
# stdout-matches: (?m)^survived kill -9 -1$
# healthy-after: true
#
# kill -9 -1: SIGKILL to every process the caller may signal. In the box's own pid namespace that is only
# the box's other processes: the caller itself is exempt (Linux never signals the sender for pid -1) and the
# namespace's init (bubblewrap) ignores signals from inside. So the background sleep dies (137), the script
# goes on and exits 0: OK. The host, the test JVM and other boxes are out of reach (other pid namespace,
# other uid). The test also checks that the JVM and the engine still work afterwards.
sleep 30 &
child=$!
echo "box pids before: $(ls /proc | grep -E '^[0-9]+$' | tr '\n' ' ')"
kill -9 -1
echo "kill -9 -1 returned $?"
wait "$child"
echo "background sleep ended with $?"
echo "box pids after: $(ls /proc | grep -E '^[0-9]+$' | tr '\n' ' ')"
echo "survived kill -9 -1"
