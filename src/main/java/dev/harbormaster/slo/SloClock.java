package dev.harbormaster.slo;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/**
 * The time SLO figures are measured at. A bean of its own, not a produced {@link Clock}: other features may produce
 * one, and tests replace this one (QuarkusMock) to measure at the end of data they backfilled.
 */
@ApplicationScoped
public class SloClock {

    public Clock clock() {
        return Clock.systemUTC();
    }

    public Instant now() {
        return clock().instant();
    }
}
