public class Main {
    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("hook never runs")));
        System.out.println("halting");
        Runtime.getRuntime().halt(7);
    }
}
