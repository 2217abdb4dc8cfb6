import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

public class Main {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String name = in.readLine();
        int age = Integer.parseInt(in.readLine().trim());
        System.out.println("Hello " + name + ", next year you are " + (age + 1));
        int rest = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            rest++;
            System.out.println("line " + rest + " [" + line + "]");
        }
        System.out.println("end of input after " + rest + " more lines");
    }
}
