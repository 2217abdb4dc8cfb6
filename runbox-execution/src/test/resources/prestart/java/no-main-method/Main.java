/** A class without a main method. */
public class Main {
    static int helper() {
        return 1;
    }
}
