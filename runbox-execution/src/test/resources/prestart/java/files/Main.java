import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Relative paths resolve in the workspace, through java.io and java.nio alike. */
public class Main {
    public static void main(String[] args) throws Exception {
        try (FileOutputStream out = new FileOutputStream("written.txt")) {
            out.write("through java.io\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(Path.of("nio.txt"), "through java.nio\n");
        new File("sub").mkdir();
        Files.writeString(Path.of("sub/inner.txt"), "nested\n");
        String dir = System.getProperty("user.dir");
        System.out.print(Files.readString(Path.of(dir, "written.txt")));
        System.out.print(Files.readString(Path.of(dir).resolve("nio.txt")));
        try (FileInputStream in = new FileInputStream("data.txt")) {
            System.out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try (Stream<Path> all = Files.list(Path.of("."))) {
            all.map(p -> p.getFileName().toString()).sorted().forEach(n -> System.out.println("entry " + n));
        }
        System.out.println("absolute " + new File("sub/inner.txt").getAbsolutePath());
        System.out.println("exists " + new File("sub/inner.txt").exists() + " " + new File(dir, "sub").isDirectory());
    }
}
