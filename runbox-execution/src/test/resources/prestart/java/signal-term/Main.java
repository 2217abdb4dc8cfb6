/** The JVM's own handling of SIGTERM: shutdown hooks run, the status is the signal's. */
public class Main {
    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("hook ran")));
        System.out.println("terminating");
        new ProcessBuilder("kill", "-TERM", Long.toString(ProcessHandle.current().pid())).inheritIO().start()
                .waitFor();
        Thread.sleep(60_000);
        System.out.println("never");
    }
}
