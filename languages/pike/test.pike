int main() {
    write("Hello from Runbox in Pike %d.%d\n", __REAL_MAJOR__, __REAL_MINOR__);
    return 0;
}
