package dev.harbormaster.slack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Decides which of many alike log lines get written: per key, the first in each window; the others are held
 * back and reported as one count once their window has ended ("… and 9,999 more"). A flood of forged requests
 * then costs a few lines instead of one each, while the metrics still count every one.
 *
 * <p>Memory stays bounded whatever the keys: at most {@code maxKeys} windows are open at a time. A key that finds
 * no room (someone varying the source address) shares the one {@link #OVERFLOW} window. Ended windows are swept
 * when an occurrence arrives at least a sixth of a window after the last sweep; no timer thread is needed, and
 * held-back counts of a quiet period are reported with the next occurrence of anything.
 */
final class LogThrottle {

    /** The key under which occurrences of keys that found no room are held back. */
    static final String OVERFLOW = "other sources";

    /** A line to write now: the first occurrence of {@code key} in a window, or how many were held back in one that ended. */
    record Note(String key, long heldBack) {
        boolean first() {
            return heldBack == 0;
        }
    }

    private static final class Window {
        final long start;
        long heldBack;

        Window(long start) {
            this.start = start;
        }
    }

    private final long windowNanos;
    private final int maxKeys;
    private final LongSupplier nanoClock;
    private final Map<String, Window> open = new HashMap<>();
    private long nextSweep;

    LogThrottle(java.time.Duration window, int maxKeys, LongSupplier nanoClock) {
        this.windowNanos = window.toNanos();
        this.maxKeys = maxKeys;
        this.nanoClock = nanoClock;
        this.nextSweep = nanoClock.getAsLong();
    }

    /** Records one occurrence of {@code key}; returns what to log now, often nothing. */
    synchronized List<Note> occurred(String key) {
        long now = nanoClock.getAsLong();
        List<Note> notes = new ArrayList<>(1);
        if (now - nextSweep >= 0) {
            sweep(now, notes);
            nextSweep = now + windowNanos / 6;
        }
        String slot = open.containsKey(key) || open.size() < maxKeys ? key : OVERFLOW;
        Window window = open.get(slot);
        if (window != null && now - window.start < windowNanos) {
            window.heldBack++;
            return notes;
        }
        if (window != null && window.heldBack > 0) {
            notes.add(new Note(slot, window.heldBack));
        }
        open.put(slot, new Window(now));
        notes.add(new Note(slot, 0));
        return notes;
    }

    /** How many windows are open: never more than {@code maxKeys} plus the overflow one. */
    synchronized int openWindows() {
        return open.size();
    }

    private void sweep(long now, List<Note> notes) {
        for (Iterator<Map.Entry<String, Window>> windows = open.entrySet().iterator(); windows.hasNext(); ) {
            Map.Entry<String, Window> entry = windows.next();
            if (now - entry.getValue().start >= windowNanos) {
                if (entry.getValue().heldBack > 0) {
                    notes.add(new Note(entry.getKey(), entry.getValue().heldBack));
                }
                windows.remove();
            }
        }
    }
}
