"""Builds matplotlib's font cache once, at install, into the folder given (run on the host as root by the python
language's `scientific` library recipe). The box links its files into each run's MPLCONFIGDIR (box/sitecustomize.py).
Built in a folder beside the target and renamed over it, so that the target exists only when the cache is whole.
"""

import os
import shutil
import subprocess
import sys
import tempfile

target = os.path.abspath(sys.argv[1])
os.makedirs(os.path.dirname(target), exist_ok=True)
work = tempfile.mkdtemp(prefix=".matplotlib-", dir=os.path.dirname(target))
try:
    env = dict(os.environ, MPLCONFIGDIR=work, MPLBACKEND="Agg")
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env, check=True)
    if not any(name.startswith("fontlist-") for name in os.listdir(work)):
        sys.exit("matplotlib wrote no font cache")
    os.chmod(work, 0o755)
    for name in os.listdir(work):
        os.chmod(os.path.join(work, name), 0o644)
    if os.path.isdir(target):
        shutil.rmtree(target)
    os.rename(work, target)
finally:
    shutil.rmtree(work, ignore_errors=True)
