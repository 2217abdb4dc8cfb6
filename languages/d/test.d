import std.stdio;

void main() {
    writeln("Hello from Runbox in D");
}
