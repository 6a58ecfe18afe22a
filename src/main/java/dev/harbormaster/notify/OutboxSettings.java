package dev.harbormaster.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the outbox delivers channel messages; every replica runs the same workers against one PostgreSQL. */
@ConfigMapping(prefix = "harbormaster.outbox")
public interface OutboxSettings {

    /** HARBORMASTER_OUTBOX_ENABLED: false keeps this replica from delivering (messages are still queued). */
    @WithDefault("true")
    boolean enabled();

    /** Delivery threads on this replica; each sends one message at a time. */
    @WithDefault("2")
    int workers();

    /**
     * How many channels' heads a worker claims at once; they share one claim, one commit of their outcomes and the
     * bookkeeping writes, and are sent one after another for at most a channel interval (the rest go back to the
     * queue). 1 is one message per transaction.
     */
    @WithDefault("100")
    int batchSize();

    /** How often an idle worker looks for due messages; an enqueue on this replica wakes it at once. */
    @WithDefault("250ms")
    Duration pollInterval();

    /** Minimum time between two messages in one channel (Slack allows about one per second). */
    @WithDefault("1s")
    Duration channelInterval();

    /** First wait after a 5xx or network error; doubled on each further failure, with jitter. */
    @WithDefault("1s")
    Duration initialBackoff();

    @WithDefault("60s")
    Duration maxBackoff();

    /** A message still failing this long after it was queued is marked FAILED. */
    @WithDefault("24h")
    Duration giveUpAfter();

    /**
     * Sent and failed rows are deleted this long after they were queued; a message can be edited or
     * replied to by key only while its row is kept.
     */
    @WithDefault("30d")
    Duration retention();
}
