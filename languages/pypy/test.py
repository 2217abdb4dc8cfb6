import platform, sys
print("Hello from Runbox in Python (PyPy %d.%d.%d, Python %s)" % (sys.pypy_version_info[:3] + (platform.python_version(),)))
