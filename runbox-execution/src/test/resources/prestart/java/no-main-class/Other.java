/** The run command names Main, which is not here. */
public class Other {
    public static void main(String[] args) {
        System.out.println("never");
    }
}
