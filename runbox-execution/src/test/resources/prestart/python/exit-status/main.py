import sys

print("leaving with 7")
sys.exit(7)
