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
        // The descriptors open in two listings 50 ms apart: another thread of the JVM (a compiler thread starting)
        // may hold one for a moment, in a cold start as in a pre-started one.
        TreeSet<Integer> open = descriptors();
        Thread.sleep(50);
        open.retainAll(descriptors());
        System.out.println("descriptors " + open.stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElse(""));
        System.out.println("runtime name has pid " + ManagementFactory.getRuntimeMXBean().getName()
                .startsWith(ProcessHandle.current().pid() + "@"));
        System.out.println("stdin available " + System.in.available());
        Runtime rt = Runtime.getRuntime();
        System.out.println("processors " + rt.availableProcessors() + " max heap " + rt.maxMemory());
    }

    private static TreeSet<Integer> descriptors() throws Exception {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(p -> Integer.valueOf(p.getFileName().toString())).collect(java.util.stream.Collectors
                    .toCollection(TreeSet::new));
        }
    }
}
