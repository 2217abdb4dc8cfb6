import sys
print("Hello from Runbox in Python " + sys.version.split()[0])
