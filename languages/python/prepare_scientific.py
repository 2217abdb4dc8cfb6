"""Prepares the python language's `scientific` library once, at install (run on the host as root by its recipe),
into the folder given, which the box sees read-only:

- matplotlib/: matplotlib's font cache, which box/sitecustomize.py links into each run's MPLCONFIGDIR, so that no
  run builds it (seconds each);
- box/: a copy of this language folder's box/ (sitecustomize.py and the plt.show() backend), on the box's PYTHONPATH.
  A copy under the prefix, so that no path of the checkout is ever mounted in a box or named in its environment.

Built in a folder beside the target and renamed over it, so that the target exists only when it is whole.
"""

import os
import shutil
import subprocess
import sys
import tempfile

target = os.path.abspath(sys.argv[1])
os.makedirs(os.path.dirname(target), exist_ok=True)
work = tempfile.mkdtemp(prefix=".scientific-", dir=os.path.dirname(target))
try:
    cache = os.path.join(work, "matplotlib")
    os.mkdir(cache)
    env = dict(os.environ, MPLCONFIGDIR=cache, MPLBACKEND="Agg")
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env, check=True)
    if not any(name.startswith("fontlist-") for name in os.listdir(cache)):
        sys.exit("matplotlib wrote no font cache")
    box = os.path.join(work, "box")
    shutil.copytree(os.path.join(os.path.dirname(os.path.abspath(__file__)), "box"), box,
                    ignore=shutil.ignore_patterns("__pycache__"))
    for root, dirs, files in os.walk(work):
        os.chmod(root, 0o755)
        for name in files:
            os.chmod(os.path.join(root, name), 0o644)
    if os.path.isdir(target):
        shutil.rmtree(target)
    os.rename(work, target)
finally:
    shutil.rmtree(work, ignore_errors=True)
