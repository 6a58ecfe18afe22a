package dev.harbormaster.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.Supplier;

/** Waiting in tests for what the bot does after the ack (outbox deliveries, jobs, informers), with a bound. */
public final class Await {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private Await() {
    }

    /** Polls {@code probe} until it gives something other than null or false, and returns that; fails after 30 s. */
    public static <T> T waitFor(String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("Interrupted waiting for " + what);
            }
        }
    }
}
