package dev.harbormaster.catalog;

import dev.harbormaster.team.MemberIdentities;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog as a person meets it in the sandbox: signed slash commands in, Block Kit out. */
@QuarkusTest
class CatalogThroughSandboxTest {

    @Inject
    MemberIdentities memberIdentities;

    @BeforeEach
    void reset() {
        RestAssured.given().contentType("application/json").body("{}").post("/sandbox/reset").then().statusCode(200);
    }

    @Test
    void ownerNamesPeopleAsSlackMentions() {
        // what the bot does in the background every minute (HARBORMASTER_IDENTITY_REFRESH_EVERY; off in tests): an
        // answer, given in the acknowledgement, mentions only people whose Slack ids it has already learned
        memberIdentities.learnMemberIdentities();
        String answer = command("alice", "payments", "owner payments-api");
        assertTrue(answer.contains("<@UALICE>") && answer.contains("<@UBOB>"), answer);
        assertTrue(answer.contains("#payments"), answer);
    }

    @Test
    void aServiceCardShowsOwnerTierAndEnvironments() {
        String answer = command("bob", "payments", "service payments-api");
        assertTrue(answer.contains("\"type\":\"header\""), answer);
        assertTrue(answer.contains("*Tier*") && answer.contains("production") && answer.contains("staging"), answer);
    }

    private static String command(String user, String channel, String text) {
        RestAssured.given().contentType("application/json")
                .body("{\"user\":\"" + user + "\",\"channel\":\"" + channel + "\",\"text\":\"" + text + "\"}")
                .post("/sandbox/command").then().statusCode(200);
        return RestAssured.get("/sandbox/messages?channel=" + channel).body().asString();
    }
}
