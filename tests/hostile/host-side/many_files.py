# A 100,000-file workspace: the host's cleanup costs one unmount, however many files there are.
import os
os.mkdir("many")
for i in range(100000):
    open("many/%d" % i, "w").close()
print("made", len(os.listdir("many")))
