public class Main {
    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("hook ran")));
        System.out.println("exiting");
        System.err.println("to stderr");
        System.exit(3);
    }
}
