"""Runbox's start-up hook for Python in a box (this folder is on the box's PYTHONPATH).

Gives matplotlib the font cache built once at install: MPLCONFIGDIR is a writable folder under the run's own /tmp,
and each file of RUNBOX_MPL_FONTCACHE (read-only in the box) is linked into it, so that no run builds the cache
(seconds) and a run that changes it writes its own copy. Then imports the system's own sitecustomize, which this
module's name hides, as a start without this folder would.
"""

import os
import sys


def _link_font_cache():
    config, cache = os.environ.get("MPLCONFIGDIR"), os.environ.get("RUNBOX_MPL_FONTCACHE")
    if not config or not cache or not os.path.isdir(cache):
        return
    try:
        os.makedirs(config, exist_ok=True)
        for name in os.listdir(cache):
            if not os.path.lexists(os.path.join(config, name)):
                os.symlink(os.path.join(cache, name), os.path.join(config, name))
    except OSError:
        pass  # matplotlib then builds its cache itself, as without Runbox


def _system_sitecustomize():
    import importlib.machinery
    import importlib.util

    own = os.path.dirname(os.path.abspath(__file__))
    path = [p for p in sys.path if os.path.abspath(p or ".") != own]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", path)
    if spec is not None:
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)


_link_font_cache()
_system_sitecustomize()
