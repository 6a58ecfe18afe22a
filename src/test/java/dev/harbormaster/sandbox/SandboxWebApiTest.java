package dev.harbormaster.sandbox;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.harbormaster.slack.SlackConnection;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Web API as the bot sees it: Bolt's own MethodsClient, and raw form posts for the error cases. */
@QuarkusTest
class SandboxWebApiTest {

    private MethodsClient bolt;

    @BeforeEach
    void reset() {
        given().post("/sandbox/reset").then().statusCode(200);
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix("http://127.0.0.1:" + RestAssured.port + "/sandbox/api/");
        bolt = Slack.getInstance(config).methods(SlackConnection.SANDBOX_BOT_TOKEN);
    }

    private static Response api(String method, Map<String, ?> form) {
        return given().header("Authorization", "Bearer " + SlackConnection.SANDBOX_BOT_TOKEN)
                .formParams(form).post("/sandbox/api/" + method);
    }

    @Test
    void authTestNamesTheBotAndTheWorkspace() throws Exception {
        var auth = bolt.authTest(r -> r);
        assertTrue(auth.isOk());
        assertEquals("T0SANDBOX", auth.getTeamId());
        assertEquals("UHARBORMASTER", auth.getUserId());
        assertEquals("harbormaster", auth.getUser());
        assertEquals("B0HARBORMASTER", auth.getBotId());
    }

    @Test
    void aWrongOrMissingTokenIsRefused() {
        given().header("Authorization", "Bearer xoxb-somebody-else").formParam("channel", "CPAYMENTS").formParam("text", "hi")
                .post("/sandbox/api/chat.postMessage")
                .then().statusCode(200).body("ok", equalTo(false)).body("error", equalTo("invalid_auth"));
        given().formParam("channel", "CPAYMENTS").post("/sandbox/api/chat.postMessage")
                .then().body("error", equalTo("not_authed"));
        given().formParam("token", SlackConnection.SANDBOX_BOT_TOKEN).post("/sandbox/api/auth.test")
                .then().body("ok", equalTo(true));
        given().get("/sandbox/messages?channel=payments").then().body("", hasSize(0));
    }

    @Test
    void postedMessagesAppearInTheChannelWithTheirBlocks() throws Exception {
        ChatPostMessageResponse posted = bolt.chatPostMessage(r -> r.channel("#payments").text("Deploy finished")
                .blocks(List.of(section(s -> s.text(markdownText("*payments-api* is on v42"))),
                        actions(a -> a.elements(List.of(button(b -> b.actionId("rollback").value("v41").text(plainText("Roll back")))))))));
        assertTrue(posted.isOk(), posted.getError());
        assertEquals("CPAYMENTS", posted.getChannel());
        assertEquals(posted.getTs(), posted.getMessage().getTs());
        assertTrue(posted.getTs().matches("\\d+\\.\\d{6}"));

        var reply = bolt.chatPostMessage(r -> r.channel("CPAYMENTS").threadTs(posted.getTs()).text("details in the thread"));
        assertTrue(reply.isOk());

        given().get("/sandbox/messages?channel=payments").then()
                .body("", hasSize(2))
                .body("[0].user", equalTo("harbormaster"))
                .body("[0].text", equalTo("Deploy finished"))
                .body("[0].blocks[1].elements[0].action_id", equalTo("rollback"))
                .body("[0].blocks[0].block_id", notNullValue())
                .body("[0].ephemeral_to", equalTo(null))
                .body("[0].edited", equalTo(false))
                .body("[1].thread_ts", equalTo(posted.getTs()));
    }

    @Test
    void postingToAUserIdLandsInTheirDirectMessages() throws Exception {
        var opened = bolt.conversationsOpen(r -> r.users(List.of("UALICE")));
        assertTrue(opened.isOk());
        assertEquals("DALICE", opened.getChannel().getId());
        assertTrue(bolt.chatPostMessage(r -> r.channel("UALICE").text("your request was approved")).isOk());
        given().get("/sandbox/messages?channel=dm-alice").then().body("[0].text", equalTo("your request was approved"));
        given().get("/sandbox/messages?channel=DALICE").then().body("", hasSize(1));
    }

    @Test
    void postMessageRefusesWhatSlackRefuses() {
        api("chat.postMessage", Map.of("channel", "nowhere", "text", "hi")).then().body("error", equalTo("channel_not_found"));
        api("chat.postMessage", Map.of("channel", "CPAYMENTS")).then().body("error", equalTo("no_text"));
        api("chat.postMessage", Map.of("channel", "CPAYMENTS", "blocks", "{\"type\":\"section\"}")).then().body("error", equalTo("invalid_blocks"));
        api("chat.postMessage", Map.of("channel", "CPAYMENTS", "blocks", "[{\"text\":\"no type\"}]")).then().body("error", equalTo("invalid_blocks"));
        api("chat.postMessage", Map.of("channel", "CPAYMENTS", "text", "hi", "thread_ts", "123.000001")).then().body("error", equalTo("thread_not_found"));
        api("chat.unheardOf", Map.of()).then().statusCode(200).body("ok", equalTo(false)).body("error", equalTo("unknown_method"));
        given().get("/sandbox/messages?channel=payments").then().body("", hasSize(0));
    }

    @Test
    void aJsonBodyIsAcceptedToo() {
        given().header("Authorization", "Bearer " + SlackConnection.SANDBOX_BOT_TOKEN).contentType("application/json; charset=utf-8")
                .body("{\"channel\":\"platform\",\"text\":\"fallback\",\"blocks\":[{\"type\":\"divider\"}]}")
                .post("/sandbox/api/chat.postMessage").then().body("ok", equalTo(true)).body("channel", equalTo("CPLATFORM"));
        given().get("/sandbox/messages?channel=platform").then().body("[0].blocks[0].type", equalTo("divider"));
    }

    @Test
    void ephemeralMessagesNeedTheUserInTheChannel() throws Exception {
        var ephemeral = bolt.chatPostEphemeral(r -> r.channel("CPAYMENTS").user("UALICE").text("only you can see this"));
        assertTrue(ephemeral.isOk());
        assertEquals(ephemeral.getMessageTs(), given().get("/sandbox/messages?channel=payments").path("[0].ts"));
        given().get("/sandbox/messages?channel=payments").then().body("[0].ephemeral_to", equalTo("alice"));
        given().get("/sandbox/messages?channel=payments&user=bob").then().body("", hasSize(0));
        assertEquals("user_not_in_channel",
                bolt.chatPostEphemeral(r -> r.channel("CPAYMENTS").user("UCAROL").text("hi")).getError());
        assertEquals("user_not_found", bolt.chatPostEphemeral(r -> r.channel("CPAYMENTS").user("UNOBODY").text("hi")).getError());
    }

    @Test
    void updatesAndDeletesNeedAnExistingMessage() throws Exception {
        String ts = bolt.chatPostMessage(r -> r.channel("CPLATFORM").text("Waiting for approval")).getTs();
        var updated = bolt.chatUpdate(r -> r.channel("CPLATFORM").ts(ts).text("Approved by carol"));
        assertTrue(updated.isOk());
        given().get("/sandbox/messages?channel=platform").then()
                .body("[0].text", equalTo("Approved by carol")).body("[0].edited", equalTo(true)).body("[0].ts", equalTo(ts));
        assertEquals("message_not_found", bolt.chatUpdate(r -> r.channel("CPLATFORM").ts("1.000001").text("x")).getError());
        assertEquals("channel_not_found", bolt.chatUpdate(r -> r.channel("CNOPE").ts(ts).text("x")).getError());
        assertTrue(bolt.chatDelete(r -> r.channel("CPLATFORM").ts(ts)).isOk());
        assertEquals("message_not_found", bolt.chatDelete(r -> r.channel("CPLATFORM").ts(ts)).getError());
        given().get("/sandbox/messages?channel=platform").then().body("", hasSize(0));
    }

    @Test
    void usersAreFoundByIdAndByEmail() throws Exception {
        var carol = bolt.usersInfo(r -> r.user("UCAROL"));
        assertTrue(carol.isOk());
        assertTrue(carol.getUser().isAdmin());
        assertEquals("carol@example.com", carol.getUser().getProfile().getEmail());
        var alice = bolt.usersLookupByEmail(r -> r.email("alice@example.com"));
        assertEquals("UALICE", alice.getUser().getId());
        assertEquals("Alice Liddell", alice.getUser().getRealName());
        assertFalse(alice.getUser().isAdmin());
        assertEquals("users_not_found", bolt.usersLookupByEmail(r -> r.email("mallory@example.com")).getError());
        assertEquals("user_not_found", bolt.usersInfo(r -> r.user("UMALLORY")).getError());
    }

    @Test
    void conversationsAndUsergroupsAreDescribed() throws Exception {
        var info = bolt.conversationsInfo(r -> r.channel("CPLATFORMAPPROVALS"));
        assertEquals("platform-approvals", info.getChannel().getName());
        assertEquals("channel_not_found", bolt.conversationsInfo(r -> r.channel("CNOPE")).getError());
        assertEquals(List.of("UCAROL"), bolt.usergroupsUsersList(r -> r.usergroup("S0SRE")).getUsers());
        assertEquals("no_such_subteam", bolt.usergroupsUsersList(r -> r.usergroup("S0NOPE")).getError());
        var groups = bolt.usergroupsList(r -> r.includeUsers(true));
        assertTrue(groups.getUsergroups().stream().anyMatch(g -> g.getHandle().equals("payments-oncall")
                && g.getUsers().equals(List.of("UALICE"))));
    }

    @Test
    void modalsNeedATriggerTheSandboxIssued() throws Exception {
        var view = com.slack.api.model.view.Views.view(v -> v.type("modal")
                .title(com.slack.api.model.view.Views.viewTitle(t -> t.type("plain_text").text("Form")))
                .blocks(List.of(section(s -> s.text(markdownText("hello"))))));
        assertEquals("expired_trigger_id", bolt.viewsOpen(r -> r.triggerId("1.2.never-issued").view(view)).getError());
        assertEquals("not_found", bolt.viewsUpdate(r -> r.viewId("VNOPE").view(view)).getError());
        api("views.open", Map.of("trigger_id", "1.2.x", "view", "{\"type\":\"home\",\"blocks\":[]}"))
                .then().body("error", equalTo("invalid_arguments"));
    }

    @Test
    void queuedFaultsAreServedInOrderThenCallsSucceed() {
        given().contentType("application/json")
                .body("{\"method\":\"chat.postMessage\",\"responses\":[{\"status\":429,\"retryAfter\":2},{\"status\":500}]}")
                .post("/sandbox/faults").then().statusCode(200);
        Map<String, String> form = Map.of("channel", "CPAYMENTS", "text", "hello");
        api("chat.postMessage", form).then().statusCode(429).header("Retry-After", "2")
                .body("ok", equalTo(false)).body("error", equalTo("ratelimited"));
        api("chat.postMessage", form).then().statusCode(500).contentType(matchesPattern("text/html.*"));
        api("chat.postMessage", form).then().statusCode(200).body("ok", equalTo(true));
        given().get("/sandbox/messages?channel=payments").then().body("", hasSize(1));
        given().get("/sandbox/api-log").then()
                .body("outcome", org.hamcrest.Matchers.contains("http 429", "http 500", "ok"))
                .body("method", hasItem("chat.postMessage"));
        given().get("/sandbox/api-log").then().body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(
                SlackConnection.SANDBOX_BOT_TOKEN)));
    }

    @Test
    void clearedFaultsAreNotServed() {
        given().contentType("application/json").body("{\"method\":\"auth.test\",\"responses\":[{\"status\":503}]}")
                .post("/sandbox/faults").then().statusCode(200);
        given().delete("/sandbox/faults").then().statusCode(200);
        api("auth.test", Map.of()).then().statusCode(200).body("ok", equalTo(true));
    }
}
