"""Runbox's pre-start hook for Python: holds a started interpreter just before its program.

The box starts ``python3 -u main.py`` with this directory on PYTHONPATH and RUNBOX_PRESTART_FD naming a
pipe. Python imports this module while it starts, before it opens the program or computes sys.path[0].
The hook blocks on the pipe until the release arrives (an 8-byte big-endian length, then NUL-terminated
strings: the working directory, then the program's arguments), enters the directory, appends the
arguments, removes every trace of itself, imports the system's own sitecustomize as a cold start would,
and returns: Python then runs the program exactly as a cold start does. On EOF or a malformed release it
exits at once with status 125 and writes nothing (the run was cancelled).
"""

import os
import sys


def _release(fd):
    def read_exactly(n):
        data = b""
        while len(data) < n:
            chunk = os.read(fd, n - len(data))
            if not chunk:
                raise EOFError
            data += chunk
        return data

    length = int.from_bytes(read_exactly(8), "big")
    if length > (1 << 24):
        raise ValueError
    body = read_exactly(length)
    if not body.endswith(b"\0"):
        raise ValueError
    strings = [os.fsdecode(s) for s in body[:-1].split(b"\0")]
    return strings[0], strings[1:]


def _forget_env(name):
    os.environ.pop(name, None)  # also unsets it for children; os.environb shares this mapping
    sys.modules["posix"].environ.pop(os.fsencode(name), None)  # the raw copy os.environ was made from


def _restore_env(name):
    saved = "RUNBOX_PRESTART_SAVED_" + name
    value = os.environ.get(saved)
    _forget_env(saved)
    if value is None:
        _forget_env(name)
    else:  # in place, so that the environment's order is the cold start's
        os.environ[name] = value
        sys.modules["posix"].environ[os.fsencode(name)] = os.fsencode(value)
    return value


def _search_path(own_dir, entries):
    """sys.path as a cold start has it: this directory's entry replaced by the original PYTHONPATH's entries."""
    path = []
    for entry in sys.path:
        path.extend(entries if entry == own_dir else [entry])
    seen = set()
    unique = []
    for entry in path:  # as site.removeduppaths() did at start
        key = os.path.normcase(entry)
        if key not in seen:
            seen.add(key)
            unique.append(entry)
    return unique


def _importer_cache_in_cold_order(entries):
    """Puts the restored PYTHONPATH entries' finders first in sys.path_importer_cache, where a cold start's first
    import (before any other path entry) put them."""
    if entries:
        cache = sys.path_importer_cache
        path_finder = sys.modules["_frozen_importlib_external"].PathFinder
        first = {entry: path_finder._path_importer_cache(entry) for entry in entries}
        rest = [(key, finder) for key, finder in cache.items() if key not in first]
        cache.clear()
        cache.update(first)
        cache.update(rest)


def _await_release():
    """Blocks until the release; enters its directory and returns its arguments. Exits 125 on anything else."""
    try:
        fd = int(os.environ["RUNBOX_PRESTART_FD"])
        workdir, args = _release(fd)
        os.close(fd)
        os.chdir(workdir)
        return args
    except BaseException:
        os._exit(125)


def _leave():
    """Removes this hook from the environment, sys.path and sys.modules, then imports the system's sitecustomize."""
    args = _await_release() if "RUNBOX_PRESTART_FD" in os.environ else []
    own_dir = os.path.dirname(__spec__.origin)
    _forget_env("RUNBOX_PRESTART_FD")
    saved_pythonpath = _restore_env("PYTHONPATH")
    entries = [os.path.abspath(p) for p in saved_pythonpath.split(os.pathsep)] if saved_pythonpath else []
    sys.path[:] = _search_path(own_dir, entries)
    sys.path_importer_cache.pop(own_dir, None)
    _importer_cache_in_cold_order(entries)
    sys.argv.extend(args)
    sys.orig_argv.extend(args)
    del sys.modules[__name__]


_leave()
# The system's own sitecustomize, found now that this directory left sys.path; if there is none, the
# ModuleNotFoundError tells site, as on a cold start, that there is no sitecustomize.
import sitecustomize  # noqa: E402,F401
