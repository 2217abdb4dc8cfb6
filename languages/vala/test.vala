void main () {
    print ("Hello from Runbox in Vala\n");
}
