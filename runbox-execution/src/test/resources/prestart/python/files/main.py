import os

with open("written.txt", "w") as f:
    f.write("made here\n")
os.mkdir("sub")
with open("sub/inner.txt", "w") as f:
    f.write("inner\n")
print(sorted(os.listdir(".")), open("written.txt").read(), open(os.path.join("sub", "inner.txt")).read())
print(os.path.abspath("written.txt"), os.path.realpath("."))
