/** An uncaught exception with a cause (sharing frames: "... N more") and a suppressed one. */
public class Main {
    public static void main(String[] args) {
        System.out.println("before");
        outer(3);
    }

    static void outer(int depth) {
        try {
            inner(depth);
        } catch (IllegalArgumentException e) {
            IllegalStateException wrapped = new IllegalStateException("outer failed", e);
            wrapped.addSuppressed(new UnsupportedOperationException("closing failed"));
            throw wrapped;
        }
    }

    static void inner(int depth) {
        if (depth == 0) {
            throw new IllegalArgumentException("bad depth");
        }
        inner(depth - 1);
    }
}
