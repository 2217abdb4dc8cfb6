package io.runbox.sandbox.fs;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Depth-first walk of a workspace through directory descriptors: no path is ever resolved from the root again,
 * no link is followed, no other filesystem entered. Costs at most {@code maxEntries} entries and
 * {@value BoxTree#MAX_DEPTH} open directories, whatever the tree holds; beyond either it stops with
 * {@link WorkspaceLimitException}.
 */
final class TreeWalk {
    /** What the walk meets; {@code parent} is the open directory holding {@code name}. */
    interface Visitor {
        /** A subdirectory; return false to leave it unvisited. */
        boolean enter(Dir parent, byte[] name, String path, Stat stat) throws IOException;

        /** After everything below the directory {@code name} of {@code parent}, which {@link #enter} accepted, was visited. */
        default void leave(Dir parent, byte[] name, String path) throws IOException {
        }

        /** A regular file. */
        void file(Dir parent, byte[] name, String path, Stat stat) throws IOException;

        /** A link, FIFO, socket or device: never opened. */
        default void other(Dir parent, byte[] name, String path, Stat stat) throws IOException {
        }

        /** A directory {@value BoxTree#MAX_DEPTH} levels down, whose content is not walked; by default the walk stops. */
        default void tooDeep(String path) throws IOException {
            throw new WorkspaceLimitException("the workspace nests directories deeper than " + BoxTree.MAX_DEPTH
                    + " levels");
        }
    }

    private TreeWalk() {
    }

    private record Frame(Dir dir, Dir parent, byte[] name, String path, Iterator<byte[]> names) {
    }

    static int walk(Dir root, int maxEntries, Visitor visitor) throws IOException {
        Deque<Frame> stack = new ArrayDeque<>();
        int seen = 0;
        try {
            stack.push(new Frame(root, null, null, "", root.names(maxEntries + 1).iterator()));
            while (!stack.isEmpty()) {
                Frame top = stack.peek();
                if (!top.names().hasNext()) {
                    stack.pop();
                    if (top.dir() != root) {
                        top.dir().close();
                        visitor.leave(top.parent(), top.name(), top.path());
                    }
                    continue;
                }
                byte[] name = top.names().next();
                if (++seen > maxEntries) {
                    throw new WorkspaceLimitException("the workspace holds more than " + maxEntries + " entries");
                }
                String path = top.path().isEmpty() ? Dir.display(name) : top.path() + "/" + Dir.display(name);
                Stat stat = top.dir().statEntry(name);
                if (stat == null) {
                    continue;
                }
                if (stat.isDirectory()) {
                    if (!visitor.enter(top.dir(), name, path, stat)) {
                        continue;
                    }
                    if (stack.size() >= BoxTree.MAX_DEPTH) {
                        visitor.tooDeep(path);
                        continue;
                    }
                    Dir child;
                    try {
                        child = top.dir().openDir(name);
                    } catch (java.nio.file.NoSuchFileException e) {
                        continue; // replaced meanwhile by something that is not a directory of this workspace
                    }
                    stack.push(new Frame(child, top.dir(), name, path, child.names(maxEntries + 1 - seen).iterator()));
                } else if (stat.isRegularFile()) {
                    visitor.file(top.dir(), name, path, stat);
                } else {
                    visitor.other(top.dir(), name, path, stat);
                }
            }
            return seen;
        } finally {
            for (Frame f : stack) {
                if (f.dir() != root) {
                    f.dir().close();
                }
            }
        }
    }
}
