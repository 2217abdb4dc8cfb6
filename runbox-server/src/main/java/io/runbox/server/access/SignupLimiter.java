package io.runbox.server.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * How many keys each client address may create per window: a fixed window per address, opened by its first
 * creation. IPv6 addresses count per {@code /64}, the block one subscriber usually holds. Memory is bounded: at most
 * {@code maxAddresses} windows are kept; a new address finding the table full of open windows is refused until the
 * oldest closes, never admitted by forgetting another address's count.
 */
final class SignupLimiter {
    private final int perAddress;
    private final long windowNanos;
    private final int maxAddresses;
    private final LongSupplier nanoTime;
    /** Windows in the order they opened, so expired ones are always at the head. Guarded by {@code this}. */
    private final LinkedHashMap<String, Window> windows = new LinkedHashMap<>();

    private static final class Window {
        final long openedNanos;
        int created;

        Window(long openedNanos) {
            this.openedNanos = openedNanos;
        }
    }

    SignupLimiter(int perAddress, Duration window, int maxAddresses, LongSupplier nanoTime) {
        this.perAddress = perAddress;
        this.windowNanos = window.toNanos();
        this.maxAddresses = maxAddresses;
        this.nanoTime = nanoTime;
    }

    /**
     * What {@link #tryCreate} decided.
     *
     * @param waitSeconds 0 when the key was counted, else the seconds until trying again may succeed
     * @param tableFull   refused not for this address's count but because every remembered window is still open
     */
    record Verdict(long waitSeconds, boolean tableFull) {
        static final Verdict COUNTED = new Verdict(0, false);

        boolean counted() {
            return waitSeconds == 0;
        }
    }

    /** Counts one key created by {@code address} if its window allows one more. */
    synchronized Verdict tryCreate(String address) {
        long now = nanoTime.getAsLong();
        dropClosed(now);
        String who = group(address);
        Window w = windows.get(who);
        if (w == null) {
            if (windows.size() >= maxAddresses) {
                return new Verdict(secondsUntilClosed(windows.values().iterator().next(), now), true);
            }
            w = new Window(now);
            windows.put(who, w);
        }
        if (w.created >= perAddress) {
            return new Verdict(secondsUntilClosed(w, now), false);
        }
        w.created++;
        return Verdict.COUNTED;
    }

    /** Windows kept now. */
    synchronized int size() {
        return windows.size();
    }

    private void dropClosed(long now) {
        Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator();
        while (it.hasNext() && now - it.next().getValue().openedNanos >= windowNanos) {
            it.remove();
        }
    }

    private long secondsUntilClosed(Window w, long now) {
        long left = w.openedNanos + windowNanos - now;
        return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
    }

    /** The address itself, or for IPv6 its {@code /64}. */
    static String group(String address) {
        if (address == null || !address.contains(":")) {
            return String.valueOf(address);
        }
        try {
            byte[] b = InetAddress.getByName(address.startsWith("[") ? address.substring(1, address.length() - 1)
                    : address).getAddress();
            if (b.length == 16) {
                Arrays.fill(b, 8, 16, (byte) 0);
                return InetAddress.getByAddress(b).getHostAddress() + "/64";
            }
            return InetAddress.getByAddress(b).getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
