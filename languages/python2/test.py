import sys
print "Hello from Runbox in Python %d.%d.%d (Jython)" % sys.version_info[:3]
