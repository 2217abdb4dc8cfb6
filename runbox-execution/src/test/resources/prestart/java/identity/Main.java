import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** What a program can see of how it was started. */
public class Main {
    public static void main(String[] args) throws Exception {
        System.out.println("args " + args.length);
        for (String a : args) {
            System.out.println("arg [" + a + "]");
        }
        Thread t = Thread.currentThread();
        System.out.println("thread " + t.getName() + " id " + t.getId() + " group " + t.getThreadGroup().getName()
                + " daemon " + t.isDaemon() + " priority " + t.getPriority());
        System.out.println("loader " + Main.class.getClassLoader().getName()
                + " context " + t.getContextClassLoader().getName());
        for (StackTraceElement e : new Throwable().getStackTrace()) {
            System.out.println("frame " + e);
        }
        for (String p : new String[] {"user.dir", "java.class.path", "sun.java.command", "java.home",
                "jdk.module.main", "sun.java.launcher", "java.library.path", "user.name", "user.home"}) {
            System.out.println("property " + p + "=" + System.getProperty(p));
        }
        for (Map.Entry<String, String> e : new TreeMap<>(System.getenv()).entrySet()) {
            System.out.println("env " + e.getKey() + "=" + e.getValue());
        }
        System.out.println("cwd " + new File(".").getCanonicalPath() + " " + Path.of("").toAbsolutePath());
        TreeSet<String> threads = new TreeSet<>();
        for (Thread each : Thread.getAllStackTraces().keySet()) {
            if (!each.getName().startsWith("C1 CompilerThread")) { // started as the JIT needs them
                threads.add(each.getName() + (each.isDaemon() ? " (daemon)" : ""));
            }
        }
        System.out.println("threads " + threads);
        // The descriptors open, with the same target, in two listings 50 ms apart, less the listing's own (it takes
        // the lowest free numbers): another thread of the JVM (reading its release file, a compiler thread starting)
        // may hold one for a moment, in a cold start as in a pre-started one, and shift the listing's numbers.
        Map<Integer, String> open = descriptors();
        Thread.sleep(50);
        open.entrySet().retainAll(descriptors().entrySet());
        System.out.println("descriptors " + open.keySet().stream().map(String::valueOf).reduce((a, b) -> a + " " + b)
                .orElse(""));
        System.out.println("runtime name has pid " + ManagementFactory.getRuntimeMXBean().getName()
                .startsWith(ProcessHandle.current().pid() + "@"));
        System.out.println("stdin available " + System.in.available());
        Runtime rt = Runtime.getRuntime();
        System.out.println("processors " + rt.availableProcessors() + " max heap " + rt.maxMemory());
    }

    private static Map<Integer, String> descriptors() throws Exception {
        Path listing = Path.of("/proc/self/fd");
        String own = listing.toRealPath().toString();
        Map<Integer, String> open = new TreeMap<>();
        try (Stream<Path> fds = Files.list(listing)) {
            for (Path fd : fds.toList()) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (java.io.IOException closed) {
                    continue; // closed between the listing and the look
                }
                if (!target.equals(own)) {
                    open.put(Integer.valueOf(fd.getFileName().toString()), target);
                }
            }
        }
        return open;
    }
}
