package dev.harbormaster.team;

import dev.harbormaster.catalog.CatalogImport;
import dev.harbormaster.catalog.SlackPeople;
import dev.harbormaster.notify.SlackDirectory;
import dev.harbormaster.testing.CatalogYaml;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog's members are learned from Slack in the background, so Slack being down later changes nobody's rights. */
@QuarkusTest
class MemberIdentitiesTest {

    @Inject
    CatalogImport catalogImport;
    @Inject
    MemberIdentities memberIdentities;
    @Inject
    SlackDirectory directory;
    @Inject
    SlackPeople people;
    @Inject
    EntityManager entityManager;

    @Test
    void aMemberNamedByEmailIsKnownBeforeTheirFirstClickAndStaysKnownWhileSlackIsDown() {
        RestAssured.given().contentType("application/json").body("{}").post("/sandbox/reset").then().statusCode(200);
        String prefix = "mi" + UUID.randomUUID().toString().substring(0, 6);
        assertTrue(catalogImport.importYaml("system", prefix + ".yaml", CatalogYaml.people(prefix, "bob")
                + CatalogYaml.team(prefix + "-team", "payments", prefix + "-bob")).imported());
        QuarkusTransaction.requiringNew().run(() ->
                entityManager.createNativeQuery("delete from slack_identity where user_id = 'UBOB'").executeUpdate());

        memberIdentities.learnMemberIdentities();
        List<?> learned = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select email from slack_identity where user_id = 'UBOB'").getResultList());
        assertEquals(List.of("bob@example.com"), learned);

        RestAssured.given().contentType("application/json")
                .body(Map.of("method", "users.info", "responses", List.of(Map.of("status", 503), Map.of("status", 503))))
                .post("/sandbox/faults").then().statusCode(200);
        SlackDirectory.Known bob = directory.email("UBOB");
        assertTrue(bob.answered(), "known from PostgreSQL");
        assertEquals("bob@example.com", bob.email().orElseThrow());
    }

    @Test
    void anEmailSlackDoesNotKnowIsAskedAboutOnceNotOnEveryAnswerThatNamesIt() {
        RestAssured.given().contentType("application/json").body("{}").post("/sandbox/reset").then().statusCode(200);
        String ghost = "ghost-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";

        for (int answer = 0; answer < 3; answer++) {
            assertTrue(directory.userIdByEmail(ghost).isEmpty(), "nobody in Slack has " + ghost);
        }

        assertEquals(1, lookupsByEmail(), "users.lookupByEmail is rate-limited: asked once, then remembered");
    }

    @Test
    void aLookupSlackRefusedIsAskedAgainNextTime() {
        RestAssured.given().contentType("application/json").body("{}").post("/sandbox/reset").then().statusCode(200);
        RestAssured.given().contentType("application/json")
                .body(Map.of("method", "users.lookupByEmail", "responses", List.of(Map.of("status", 429))))
                .post("/sandbox/faults").then().statusCode(200);
        String ghost = "ghost-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";

        assertTrue(directory.userIdByEmail(ghost).isEmpty(), "rate-limited: not known this time");
        assertTrue(directory.userIdByEmail(ghost).isEmpty());

        assertEquals(2, lookupsByEmail(), "a refusal says nothing about the person, so it is not remembered as unknown");
    }

    @Test
    void anAnswerNamingAnEmailNotSeenBeforeDoesNotWaitForSlackAndALaterOneMentionsThem() throws Exception {
        RestAssured.given().contentType("application/json").body("{}").post("/sandbox/reset").then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() ->
                entityManager.createNativeQuery("delete from slack_identity where user_id = 'UBOB'").executeUpdate());
        // Slack knows bob, but answers slowly: an answer in an acknowledgement must not wait for it
        RestAssured.given().contentType("application/json")
                .body(Map.of("method", "users.lookupByEmail", "responses", List.of(Map.of("delayMs", 1500))))
                .post("/sandbox/faults").then().statusCode(200);

        assertEquals("bob@example.com", people.mention("bob@example.com"), "not remembered yet: shown as written");

        String later = people.mention("bob@example.com");
        for (int tries = 0; tries < 100 && !later.equals("<@UBOB>"); tries++) {
            Thread.sleep(100);
            later = people.mention("bob@example.com");
        }
        assertEquals("<@UBOB>", later, "learned in the background, then mentioned");
        assertEquals(1, lookupsByEmail(), "looked up once, not once per answer");
    }

    private static long lookupsByEmail() {
        List<String> methods = RestAssured.get("/sandbox/api-log").then().statusCode(200).extract().jsonPath().getList("method");
        return methods.stream().filter("users.lookupByEmail"::equals).count();
    }
}
