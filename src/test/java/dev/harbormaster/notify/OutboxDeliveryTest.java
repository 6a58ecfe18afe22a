package dev.harbormaster.notify;

import dev.harbormaster.notify.FakeSlackWebApi.Answer;
import dev.harbormaster.notify.FakeSlackWebApi.Call;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(FakeSlackProfile.class)
class OutboxDeliveryTest {

    private static final Duration DELIVERY_DEADLINE = Duration.ofSeconds(20);

    @Inject
    Outbox outbox;
    @Inject
    OutboxDelivery delivery;
    @Inject
    OutboxMessageRepository messages;
    @Inject
    OutboxRetention retention;
    @Inject
    FakeSlackWebApi slack;

    private final List<String> channels = new ArrayList<>();

    @AfterEach
    void forgetThisTestsMessages() {
        slack.reset();
        QuarkusTransaction.requiringNew().run(() -> {
            messages.delete("channel in ?1", channels);
            messages.getEntityManager().createNativeQuery("DELETE FROM outbox_channel_pace WHERE channel IN (?1)")
                    .setParameter(1, channels).executeUpdate();
        });
    }

    @Test
    void slackDownForAWhileLosesNothingAndSendsNothingTwice() {
        String first = channel("outage-a");
        String second = channel("outage-b");
        AtomicInteger answered = new AtomicInteger();
        AtomicReference<Call> rateLimited = new AtomicReference<>();
        slack.answerWith(onlyFor(Set.of(first, second), call -> {
            int n = answered.incrementAndGet();
            if (n == 1) {
                rateLimited.set(call);
                return Answer.rateLimited(2);
            }
            return n <= 5 ? Answer.serverError() : Answer.ok();
        }));

        queueInOneTransaction(
                OutboundMessage.post(first, "a1", null), OutboundMessage.post(second, "b1", null),
                OutboundMessage.post(first, "a2", null), OutboundMessage.post(second, "b2", null),
                OutboundMessage.post(first, "a3", null), OutboundMessage.post(second, "b3", null));
        awaitAllSent(first, second);

        assertEquals(List.of("a1", "a2", "a3"), texts(slack.deliveredTo(first)));
        assertEquals(List.of("b1", "b2", "b3"), texts(slack.deliveredTo(second)));
        assertEquals(5, slack.callsTo(first).size() + slack.callsTo(second).size() - 6,
                "the 429 and four 500s were each answered, then retried");
        Call limited = rateLimited.get();
        for (Call call : slack.callsTo(limited.channel())) {
            if (call.arrivedAt().isAfter(limited.arrivedAt())) {
                assertTrue(!call.arrivedAt().isBefore(limited.arrivedAt().plusSeconds(2)),
                        "a call reached the rate-limited channel before Retry-After elapsed: " + call);
            }
        }
    }

    @Test
    void oneChannelGetsAtMostOneMessagePerSecondWhileChannelsProceedSideBySide() {
        String first = channel("pace-a");
        String second = channel("pace-b");
        queueInOneTransaction(
                OutboundMessage.post(first, "a1", null), OutboundMessage.post(first, "a2", null),
                OutboundMessage.post(first, "a3", null), OutboundMessage.post(second, "b1", null),
                OutboundMessage.post(second, "b2", null), OutboundMessage.post(second, "b3", null));
        awaitAllSent(first, second);

        for (String channel : List.of(first, second)) {
            List<Call> delivered = slack.deliveredTo(channel);
            for (int i = 1; i < delivered.size(); i++) {
                Duration gap = Duration.between(delivered.get(i - 1).arrivedAt(), delivered.get(i).arrivedAt());
                assertTrue(gap.toMillis() >= 1000, "messages in " + channel + " only " + gap.toMillis() + " ms apart");
            }
        }
        Duration betweenChannels = Duration.between(slack.deliveredTo(first).get(0).arrivedAt(),
                slack.deliveredTo(second).get(0).arrivedAt()).abs();
        assertTrue(betweenChannels.toMillis() < 1000,
                "the second channel waited for the first channel's pace: " + betweenChannels.toMillis() + " ms");
    }

    @Test
    void aMessageQueuedInATransactionThatRollsBackIsNeverSent() {
        String channel = channel("rollback");
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.enqueue(OutboundMessage.post(channel, "approved by mistake", null));
            throw new IllegalStateException("the state change failed");
        }));
        outbox.enqueue(OutboundMessage.post(channel, "after the rollback", null));
        awaitAllSent(channel);

        assertEquals(List.of("after the rollback"), texts(slack.callsTo(channel)));
    }

    @Test
    void updatesAndThreadRepliesGoToTheMessagePostedUnderTheirKey() {
        String channel = channel("keys");
        String key = "approval:" + UUID.randomUUID();
        String blocks = "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"Approved\"}}]";
        queueInOneTransaction(
                OutboundMessage.post(channel, "deploy needs approval", null).withKey(key),
                OutboundMessage.post(channel, "bob approved", null).inThreadOf(key),
                OutboundMessage.update(channel, key, "deploy approved", blocks));
        awaitAllSent(channel);

        List<Call> calls = slack.callsTo(channel);
        assertEquals(List.of("chat.postMessage", "chat.postMessage", "chat.update"),
                calls.stream().map(Call::method).toList());
        String parentTs = calls.get(0).ts();
        assertNotNull(parentTs);
        assertEquals(parentTs, calls.get(1).threadTs(), "the reply went to the parent's thread");
        assertEquals(FakeSlackWebApi.channelId(channel), calls.get(2).channel(), "chat.update needs the channel id");
        assertEquals(parentTs, calls.get(2).ts(), "the update edits the parent");
        assertEquals("deploy approved", calls.get(2).text());
    }

    @Test
    void postingTheSameKeyTwiceSendsOneMessage() {
        String channel = channel("idempotent");
        String key = "deploy:" + UUID.randomUUID();
        outbox.enqueue(OutboundMessage.post(channel, "deployed", null).withKey(key));
        outbox.enqueue(OutboundMessage.post(channel, "deployed", null).withKey(key));
        awaitAllSent(channel);

        assertEquals(List.of("deployed"), texts(slack.callsTo(channel)));
    }

    @Test
    void aPermanentSlackErrorFailsThatMessageOnly() {
        String channel = channel("permanent");
        slack.answerWith(onlyFor(Set.of(channel),
                call -> call.text().equals("refused") ? Answer.slackError("channel_not_found") : Answer.ok()));
        queueInOneTransaction(
                OutboundMessage.post(channel, "before", null),
                OutboundMessage.post(channel, "refused", null),
                OutboundMessage.post(channel, "after", null));
        Eventually.waitUntil(DELIVERY_DEADLINE, "nothing is pending in " + channel, () -> nonePending(channel));

        assertEquals(List.of("before", "after"), texts(slack.deliveredTo(channel)));
        assertEquals(1, slack.callsTo(channel).stream().filter(call -> call.text().equals("refused")).count(),
                "a permanent error is not retried");
        OutboxMessage refused = QuarkusTransaction.requiringNew().call(
                () -> messages.find("channel = ?1 and text = ?2", channel, "refused").singleResult());
        assertEquals(OutboxMessage.Status.FAILED, refused.status());
        assertEquals("channel_not_found", refused.lastError());
    }

    @Test
    void workersClaimingAtTheSameTimeNeverSendOneMessageTwice() throws Exception {
        List<String> busy = List.of(channel("race-a"), channel("race-b"), channel("race-c"), channel("race-d"));
        // A slow Slack keeps each claimed row locked for a while, so the claims really overlap.
        slack.answerWith(onlyFor(Set.copyOf(busy), call -> {
            sleep(150);
            return Answer.ok();
        }));
        List<OutboundMessage> queued = new ArrayList<>();
        for (String channel : busy) {
            queued.add(OutboundMessage.post(channel, channel + "-1", null));
            queued.add(OutboundMessage.post(channel, channel + "-2", null));
        }
        ExecutorService racers = Executors.newFixedThreadPool(2);
        try {
            queueInOneTransaction(queued.toArray(OutboundMessage[]::new));
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                running.add(racers.submit(() -> {
                    long deadline = System.nanoTime() + DELIVERY_DEADLINE.toNanos();
                    while (!nonePending(busy.toArray(String[]::new)) && System.nanoTime() < deadline) {
                        if (!delivery.deliverNextBatch()) {
                            sleep(20);
                        }
                    }
                }));
            }
            for (Future<?> racer : running) {
                racer.get(DELIVERY_DEADLINE.toSeconds() + 5, TimeUnit.SECONDS);
            }
        } finally {
            racers.shutdownNow();
        }
        awaitAllSent(busy.toArray(String[]::new));

        Map<String, Long> sendsPerText = busy.stream().flatMap(channel -> slack.callsTo(channel).stream())
                .collect(Collectors.groupingBy(Call::text, Collectors.counting()));
        assertEquals(queued.size(), sendsPerText.size());
        sendsPerText.forEach((text, sends) -> assertEquals(1L, sends, text + " was sent " + sends + " times"));
    }

    /**
     * Two messages of one channel queued by two transactions that commit out of order: the later one is sent first,
     * since it was the channel's only message when it was claimed, and the earlier one, which became the channel's head
     * while the later one was still being sent, waits for that send to finish and for the channel's pace. Slack never
     * has two messages of the channel in flight at once.
     */
    @Test
    void aMessageCommittedLateWaitsForTheMessageOfItsChannelAlreadyBeingSent() throws Exception {
        String busy = channel("late-commit");
        CountDownLatch firstSendArrived = new CountDownLatch(1);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        slack.answerWith(onlyFor(Set.of(busy), call -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                if (firstSendArrived.getCount() > 0) {
                    firstSendArrived.countDown();
                    sleep(1_500); // the first send stays in flight while the earlier message commits
                }
                return Answer.ok();
            } finally {
                inFlight.decrementAndGet();
            }
        }));
        CountDownLatch commitEarlier = new CountDownLatch(1);
        ExecutorService lateCommitter = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch earlierQueued = new CountDownLatch(1);
            Future<?> earlier = lateCommitter.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                outbox.enqueue(OutboundMessage.post(busy, "queued first, committed last", null));
                earlierQueued.countDown();
                try {
                    assertTrue(commitEarlier.await(DELIVERY_DEADLINE.toSeconds(), TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertTrue(earlierQueued.await(10, TimeUnit.SECONDS));
            queueInOneTransaction(OutboundMessage.post(busy, "queued last, committed first", null));
            assertTrue(firstSendArrived.await(DELIVERY_DEADLINE.toSeconds(), TimeUnit.SECONDS), "the outbox never sent");
            commitEarlier.countDown();
            earlier.get(10, TimeUnit.SECONDS);
        } finally {
            commitEarlier.countDown();
            lateCommitter.shutdownNow();
        }
        awaitAllSent(busy);

        assertEquals(1, mostInFlight.get(), "messages of one channel were in flight at once");
        assertEquals(List.of("queued last, committed first", "queued first, committed last"), texts(slack.deliveredTo(busy)));
        List<Call> delivered = slack.deliveredTo(busy);
        assertTrue(Duration.between(delivered.get(0).arrivedAt(), delivered.get(1).arrivedAt()).toMillis() >= 1_000,
                "the channel's pace was not kept");
    }

    /**
     * A worker claims several channels' heads at once and sends them in turn. When Slack fails one of them part-way,
     * nothing of the batch is lost or sent twice: the failed one arrives after its retry, the others once each, every
     * channel in order.
     */
    @Test
    void aFailurePartWayThroughABatchLeavesTheRestToBeSentOnceAndInOrder() {
        List<String> batch = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            batch.add(channel("batch-" + c));
        }
        String failing = batch.get(2);
        AtomicInteger callsToFailing = new AtomicInteger();
        slack.answerWith(onlyFor(Set.of(failing), call -> callsToFailing.incrementAndGet() == 1 ? Answer.serverError() : Answer.ok()));
        List<OutboundMessage> queued = new ArrayList<>();
        for (int round = 1; round <= 2; round++) {
            for (String channel : batch) {
                queued.add(OutboundMessage.post(channel, channel + " #" + round, null));
            }
        }
        queueInOneTransaction(queued.toArray(OutboundMessage[]::new));
        awaitAllSent(batch.toArray(String[]::new));

        for (String channel : batch) {
            assertEquals(List.of(channel + " #1", channel + " #2"), texts(slack.deliveredTo(channel)), channel);
            assertEquals(channel.equals(failing) ? 3 : 2, slack.callsTo(channel).size(),
                    channel + ": every message called Slack once, and the failed one once more");
        }
    }

    /**
     * A burst after a quiet spell, e.g. a deploy wave notifying hundreds of teams: PostgreSQL's statistics of a quiet
     * outbox say nothing is pending, and until autoanalyze catches up (a minute or more) they must not make each claim
     * compare every pending message with every other (with 9,600 pending one claim took 13.8 s). Slack sees the burst's
     * first messages at once.
     */
    @Test
    void aBurstAfterAQuietSpellStartsReachingSlackAtOnce() {
        Eventually.waitUntil(DELIVERY_DEADLINE, "the outbox is idle",
                () -> QuarkusTransaction.requiringNew().call(messages::countPending) == 0);
        // what the statistics of a quiet outbox say: nothing is pending
        QuarkusTransaction.requiringNew().run(() -> messages.getEntityManager()
                .createNativeQuery("ANALYZE outbox_message").executeUpdate());
        List<String> burst = new ArrayList<>();
        for (int c = 0; c < 300; c++) {
            burst.add(channel("burst"));
        }
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 4000; i++) {
                messages.insertPending(OutboundMessage.post(burst.get(i % burst.size()), "burst " + i, null));
            }
        });
        Eventually.waitUntil(Duration.ofSeconds(10), "the burst's first 100 messages reached Slack",
                () -> burst.stream().mapToInt(channel -> slack.deliveredTo(channel).size()).sum() >= 100);
    }

    @Test
    void sentMessagesAreForgottenAfterTheRetentionPeriod() {
        String channel = channel("retention");
        queueInOneTransaction(OutboundMessage.post(channel, "last month", null), OutboundMessage.post(channel, "today", null));
        awaitAllSent(channel);
        QuarkusTransaction.requiringNew().run(() -> messages.update("createdAt = ?1 where channel = ?2 and text = ?3",
                Instant.now().minus(Duration.ofDays(31)), channel, "last month"));

        retention.deleteFinishedMessages();

        List<String> kept = QuarkusTransaction.requiringNew().call(() -> messages.find("channel", channel).list())
                .stream().map(row -> row.text).toList();
        assertEquals(List.of("today"), kept);
    }

    @Test
    void aMessageSlackCouldNeverShowIsRefusedWhenQueued() {
        assertThrows(IllegalArgumentException.class, () -> outbox.enqueue(OutboundMessage.post(" ", "hello", null)));
        assertThrows(IllegalArgumentException.class, () -> outbox.enqueue(OutboundMessage.post("C1", null, null)));
        assertThrows(IllegalArgumentException.class, () -> outbox.enqueue(OutboundMessage.update("C1", null, "x", null)));
        assertThrows(IllegalArgumentException.class, () -> outbox.enqueue(OutboundMessage.post("C1", null, "{\"type\":1}")));
        assertThrows(IllegalArgumentException.class, () -> outbox.enqueue(OutboundMessage.post("C1", "x", "[oops")));
    }

    private String channel(String purpose) {
        String channel = "outbox-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
        channels.add(channel);
        return channel;
    }

    private void queueInOneTransaction(OutboundMessage... queued) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (OutboundMessage message : queued) {
                outbox.enqueue(message);
            }
        });
    }

    private void awaitAllSent(String... channelsToWatch) {
        Eventually.waitUntil(DELIVERY_DEADLINE, "every message is sent", () -> nonePending(channelsToWatch));
        List<OutboxMessage> rows = QuarkusTransaction.requiringNew().call(
                () -> messages.find("channel in ?1", List.of(channelsToWatch)).list());
        assertTrue(rows.stream().allMatch(row -> row.status() == OutboxMessage.Status.SENT),
                "every message was sent, none failed");
    }

    private boolean nonePending(String... channelsToWatch) {
        return QuarkusTransaction.requiringNew().call(() -> messages.count("channel in ?1 and status = ?2",
                List.of(channelsToWatch), OutboxMessage.Status.PENDING)) == 0;
    }

    private static Function<Call, Answer> onlyFor(Set<String> channels, Function<Call, Answer> script) {
        Set<String> ids = channels.stream().map(FakeSlackWebApi::channelId).collect(Collectors.toSet());
        return call -> channels.contains(call.channel()) || ids.contains(call.channel()) ? script.apply(call) : Answer.ok();
    }

    private static List<String> texts(List<Call> calls) {
        return calls.stream().map(Call::text).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
