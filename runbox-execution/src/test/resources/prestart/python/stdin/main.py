import sys

name = input("name? ")
age = input()
rest = sys.stdin.read()
print("hello", name, "aged", age)
print("rest", repr(rest))
print("eof", repr(sys.stdin.read()))
