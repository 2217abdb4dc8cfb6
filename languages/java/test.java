public class Main {
    public static void main(String[] args) {
        System.out.println("Hello from Runbox in Java " + System.getProperty("java.version"));
    }
}
