# Finding 4: a directory chain three times deeper than PATH_MAX, with 32 MiB at the bottom. The host must
# discard the workspace in bounded time (one unmount), free its memory, and start again afterwards.
import os
for _ in range(3000):
    os.mkdir("d")
    os.chdir("d")
with open("bottom", "wb") as f:
    f.write(b"x" * (32 << 20))
print("built")
