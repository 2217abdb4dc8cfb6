/** stdout and stderr written in turn, each flushed: merged, they keep their order. */
public class Main {
    public static void main(String[] args) {
        for (int i = 0; i < 5; i++) {
            System.out.println("out " + i);
            System.out.flush();
            System.err.println("err " + i);
            System.err.flush();
        }
    }
}
