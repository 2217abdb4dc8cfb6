package io.runbox.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Host uids for boxes, one per box alive at once, so that no two concurrent boxes share an owner: neither
 * can signal the other or read the other's files even if a namespace failed. A uid is held through a lock
 * file in {@code lockDir}, so two Runbox processes on one host (a server and a CLI run, say) never hand out
 * the same uid. Acquire blocks while all are in use, which also bounds how many boxes run at once.
 *
 * <p>The locks are POSIX record locks, which a process holds per file, not per descriptor: closing any descriptor of
 * a file drops every lock this process has on it. So two pools of one process (several sandboxes in one JVM) must
 * never both open a uid's file; {@link #HELD_IN_THIS_PROCESS} is the process-wide list of the files some pool holds.
 */
final class UidPool {
    private final int first;
    private final int count;
    private final Path lockDir;
    private final Semaphore slots;
    private final FileLock[] held;
    /** The lock files some pool of this process holds (or is taking) now. */
    private static final Set<Path> HELD_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();

    UidPool(int first, int count, Path lockDir) throws IOException {
        this.first = first;
        this.count = count;
        this.lockDir = lockDir;
        this.slots = new Semaphore(count, true);
        this.held = new FileLock[count];
        Files.createDirectories(lockDir);
    }

    /** A uid no other box on this host is using; blocks until one is free. */
    int acquire() throws InterruptedException, IOException {
        slots.acquire();
        try {
            while (true) {
                for (int i = 0; i < count; i++) {
                    if (tryLock(i)) {
                        return first + i;
                    }
                }
                // Every uid this process could take is held by another Runbox process on the host.
                Thread.sleep(5);
            }
        } catch (InterruptedException | IOException | RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    /** A free uid, or -1 at once when none is (for work that may be skipped, such as warming a box up). */
    int tryAcquire() throws IOException {
        if (!slots.tryAcquire()) {
            return -1;
        }
        try {
            for (int i = 0; i < count; i++) {
                if (tryLock(i)) {
                    return first + i;
                }
            }
        } catch (IOException | RuntimeException e) {
            slots.release();
            throw e;
        }
        slots.release();
        return -1;
    }

    void release(int uid) {
        int i = uid - first;
        synchronized (held) {
            try {
                held[i].channel().close();
            } catch (IOException e) {
                // Closing the channel drops the lock either way.
            }
            held[i] = null;
            HELD_IN_THIS_PROCESS.remove(file(i));
        }
        slots.release();
    }

    private Path file(int i) {
        return lockDir.resolve(Integer.toString(first + i)).toAbsolutePath().normalize();
    }

    private boolean tryLock(int i) throws IOException {
        synchronized (held) {
            if (held[i] != null) {
                return false;
            }
            Path file = file(i);
            // Another pool of this process holds it: opening (and closing) the file here would drop that lock.
            if (!HELD_IN_THIS_PROCESS.add(file)) {
                return false;
            }
            boolean locked = false;
            FileChannel ch;
            try {
                ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (IOException | RuntimeException e) {
                HELD_IN_THIS_PROCESS.remove(file);
                throw e;
            }
            try {
                FileLock lock = ch.tryLock();
                if (lock != null) {
                    held[i] = lock;
                    locked = true;
                }
                return locked;
            } catch (OverlappingFileLockException e) {
                return false;
            } finally {
                if (!locked) {
                    ch.close();
                    HELD_IN_THIS_PROCESS.remove(file);
                }
            }
        }
    }
}
