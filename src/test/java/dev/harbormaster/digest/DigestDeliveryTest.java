package dev.harbormaster.digest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.harbormaster.catalog.DigestSchedule;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.harbormaster.testing.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Digests as a team receives them in its channel: once per due time however many fires race for it, late and saying
 * so after a misfire of the real clustered Quartz scheduler, and on the schedule the team set.
 */
@QuarkusTest
class DigestDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");

    @Inject
    Digests digests;
    @Inject
    DigestSchedules schedules;
    @Inject
    DigestTriggers triggers;
    @Inject
    Scheduler quartz;
    @Inject
    EntityManager entities;

    @BeforeEach
    void reset() {
        RestAssured.given().contentType("application/json").body("{}").post("/sandbox/reset").then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> {
            entities.createNativeQuery("delete from digest_sent").executeUpdate();
            entities.createNativeQuery("delete from digest_schedule_override").executeUpdate();
        });
    }

    @Test
    void twoFiresForTheSameDueTimePostOneDigest() throws Exception {
        Instant due = ZonedDateTime.of(2026, 11, 30, 9, 0, 0, 0, ZoneId.of("UTC")).toInstant();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Digests.Outcome>> fires = List.of(() -> digests.sendScheduled("payments", due),
                    () -> digests.sendScheduled("payments", due.plusSeconds(20)));
            List<Digests.Outcome> outcomes = new ArrayList<>();
            for (Future<Digests.Outcome> outcome : pool.invokeAll(fires)) {
                outcomes.add(outcome.get());
            }
            assertEquals(1, outcomes.stream().filter(o -> o == Digests.Outcome.SENT).count(), outcomes.toString());
            assertEquals(1, outcomes.stream().filter(o -> o == Digests.Outcome.ALREADY_SENT).count(), outcomes.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Digests.Outcome.ALREADY_SENT, digests.sendScheduled("payments", due.plus(Duration.ofHours(3))),
                "a restart that fires the same due time again sends nothing");
        JsonNode digest = waitFor("the digest in #payments", () -> digestsIn("payments").size() == 1 ? digestsIn("payments").get(0) : null);
        String text = digest.toString();
        assertTrue(text.contains("Digest · Payments") && text.contains("Mon 23 Nov – Sun 29 Nov"), text);
        assertTrue(text.contains("Deployment frequency") && text.contains("Change failure rate"), text);
        assertTrue(!text.contains("is late"), "on time: " + text);
        waitFor("the detail reply in the digest's thread", () -> threadReplies("payments", digest.path("ts").asText()) > 0);
        Thread.sleep(500);
        assertEquals(1, digestsIn("payments").size(), "still one digest after the outbox settled");
    }

    /**
     * Every replica was down when the digest was due: the real scheduler finds the fire missed (its due time is past
     * Quartz's misfire threshold), fires it once on start, and the digest says it is late.
     */
    @Test
    void aDigestMissedWhileEveryReplicaWasDownIsSentLateOnceSayingSo() throws Exception {
        ZonedDateTime now = ZonedDateTime.now(PRAGUE).truncatedTo(ChronoUnit.MINUTES);
        ZonedDateTime due = now.minusMinutes(20);
        DigestSchedule schedule = new DigestSchedule(EnumSet.of(due.getDayOfWeek()), LocalTime.of(due.getHour(), due.getMinute()), PRAGUE);
        QuarkusTransaction.requiringNew().run(() -> schedules.setInChat("payments", schedule, "UALICE", DigestSchedule.DEFAULT));
        JobDetail job = JobBuilder.newJob(DigestJob.class).withIdentity("payments-missed", "digests-test")
                .usingJobData(DigestJob.TEAM, "payments").build();
        CronTrigger trigger = TriggerBuilder.newTrigger().withIdentity("payments-missed", "digests-test").forJob(job)
                .withSchedule(CronScheduleBuilder.cronSchedule(schedule.cron()).inTimeZone(TimeZone.getTimeZone(PRAGUE))
                        .withMisfireHandlingInstructionFireAndProceed())
                .startAt(Date.from(due.minusMinutes(1).toInstant())).build();
        quartz.scheduleJob(job, Set.of(trigger), true);
        try {
            JsonNode digest = waitFor("the late digest in #payments", () -> digestsIn("payments").isEmpty() ? null : digestsIn("payments").get(0));
            assertTrue(digest.toString().contains("This digest is late"), digest.toString());
            assertTrue(digest.toString().contains(due.format(java.time.format.DateTimeFormatter.ofPattern("HH:mm"))), digest.toString());
            assertEquals(Digests.Outcome.ALREADY_SENT, digests.sendScheduled("payments", Instant.now()), "late once, not twice");
        } finally {
            quartz.deleteJob(job.getKey());
        }
        assertEquals(1, digestsIn("payments").size());
    }

    @Test
    void theTeamSetsItsScheduleAndTheClusteredTriggerFollowsInItsZone() throws Exception {
        String refused = command("dave", "payments", "digest schedule payments \\\"FRI 16:00\\\"");
        assertTrue(refused.contains("Only members of `payments` and platform admins"), refused);
        String answer = command("alice", "payments", "digest schedule payments \\\"MON,THU 09:00\\\" --tz Europe/Prague");
        assertTrue(answer.contains("MON,THU 09:00 Europe/Prague") && answer.contains("set in chat by <@UALICE>"), answer);
        CronTrigger trigger = triggers.trigger("payments").orElseThrow();
        assertEquals("0 0 9 ? * MON,THU", trigger.getCronExpression());
        assertEquals("Europe/Prague", trigger.getTimeZone().getID());
        ZonedDateTime next = trigger.getNextFireTime().toInstant().atZone(PRAGUE);
        assertEquals(LocalTime.of(9, 0), next.toLocalTime());
        assertTrue(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY).contains(next.getDayOfWeek()));
        String bad = command("alice", "payments", "digest schedule payments \\\"MON 9am\\\"");
        assertTrue(bad.contains("use 24-hour HH:MM"), bad);
        assertEquals("0 0 9 ? * MON,THU", triggers.trigger("payments").orElseThrow().getCronExpression(), "a refused change changes nothing");
    }

    private static String command(String user, String channel, String text) {
        return RestAssured.given().contentType("application/json")
                .body("{\"user\":\"" + user + "\",\"channel\":\"" + channel + "\",\"text\":\"" + text + "\"}")
                .post("/sandbox/command").then().statusCode(200).extract().asString();
    }

    private static List<JsonNode> digestsIn(String channel) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode message : messages(channel)) {
            boolean threadReply = message.hasNonNull("thread_ts") && !message.path("thread_ts").asText().equals(message.path("ts").asText());
            if (message.path("text").asText("").startsWith("Digest for") && !threadReply && !message.hasNonNull("ephemeral_to")) {
                found.add(message);
            }
        }
        return found;
    }

    private static long threadReplies(String channel, String ts) {
        long replies = 0;
        for (JsonNode message : messages(channel)) {
            if (ts.equals(message.path("thread_ts").asText()) && !ts.equals(message.path("ts").asText())) {
                replies++;
            }
        }
        return replies;
    }

    private static JsonNode messages(String channel) {
        try {
            return JSON.readTree(RestAssured.get("/sandbox/messages?channel=" + channel).body().asString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
