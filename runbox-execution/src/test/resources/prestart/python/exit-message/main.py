import sys

sys.exit("a message to stderr, status 1")
