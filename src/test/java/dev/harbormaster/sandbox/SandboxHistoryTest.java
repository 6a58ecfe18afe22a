package dev.harbormaster.sandbox;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.request.conversations.ConversationsHistoryRequest;
import com.slack.api.model.ConversationType;
import com.slack.api.model.Message;
import dev.harbormaster.slack.SlackConnection;
import io.restassured.RestAssured;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Message metadata, conversations.history and conversations.list, as Bolt's MethodsClient calls them. */
@QuarkusTest
class SandboxHistoryTest {

    private MethodsClient bolt;

    @BeforeEach
    void reset() {
        given().post("/sandbox/reset").then().statusCode(200);
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix("http://127.0.0.1:" + RestAssured.port + "/sandbox/api/");
        bolt = Slack.getInstance(config).methods(SlackConnection.SANDBOX_BOT_TOKEN);
    }

    @Test
    void historyIsNewestFirstInPagesWithoutRepliesOrEphemeralMessagesAndMetadataOnlyWhenAsked() throws Exception {
        List<String> posted = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            int n = i;
            var message = bolt.chatPostMessage(r -> r.channel("CPLATFORMAUDIT").text("checkpoint " + n)
                    .metadata(new Message.Metadata("test_event", Map.of("n", n))));
            assertTrue(message.isOk(), message.getError());
            assertEquals("test_event", message.getMessage().getMetadata().getEventType());
            posted.add(message.getTs());
        }
        assertTrue(bolt.chatPostMessage(r -> r.channel("CPLATFORMAUDIT").threadTs(posted.get(0)).text("a reply")).isOk());
        assertTrue(bolt.chatPostEphemeral(r -> r.channel("CPLATFORMAUDIT").user("UCAROL").text("only carol")).isOk());

        var first = bolt.conversationsHistory(ConversationsHistoryRequest.builder().channel("CPLATFORMAUDIT").limit(3)
                .includeAllMetadata(true).build());
        assertTrue(first.isOk(), first.getError());
        assertEquals(List.of("checkpoint 5", "checkpoint 4", "checkpoint 3"), first.getMessages().stream().map(Message::getText).toList());
        assertTrue(first.isHasMore());
        assertEquals("test_event", first.getMessages().get(0).getMetadata().getEventType());
        assertEquals(5, ((Number) first.getMessages().get(0).getMetadata().getEventPayload().get("n")).intValue());

        var second = bolt.conversationsHistory(ConversationsHistoryRequest.builder().channel("CPLATFORMAUDIT").limit(3)
                .cursor(first.getResponseMetadata().getNextCursor()).build());
        assertEquals(List.of("checkpoint 2", "checkpoint 1"), second.getMessages().stream().map(Message::getText).toList());
        assertFalse(second.isHasMore());
        assertNull(second.getMessages().get(0).getMetadata(), "no metadata without include_all_metadata");

        var between = bolt.conversationsHistory(ConversationsHistoryRequest.builder().channel("CPLATFORMAUDIT")
                .oldest(posted.get(1)).latest(posted.get(3)).build());
        assertEquals(List.of("checkpoint 3"), between.getMessages().stream().map(Message::getText).toList());
    }

    @Test
    void metadataWithoutAnEventTypeOrPayloadIsRefusedAsSlackDoes() {
        given().header("Authorization", "Bearer " + SlackConnection.SANDBOX_BOT_TOKEN)
                .formParam("channel", "CPLATFORMAUDIT").formParam("text", "x").formParam("metadata", "{\"event_type\":\"x\"}")
                .post("/sandbox/api/chat.postMessage").then().body("ok", equalTo(false)).body("error", equalTo("invalid_metadata_schema"));
        given().header("Authorization", "Bearer " + SlackConnection.SANDBOX_BOT_TOKEN)
                .formParam("channel", "CPLATFORMAUDIT").formParam("text", "x").formParam("metadata", "{not json")
                .post("/sandbox/api/chat.postMessage").then().body("ok", equalTo(false)).body("error", equalTo("invalid_metadata_format"));
    }

    @Test
    void channelsAreListedByTypeWithoutDirectMessagesAndTheBotReadsItsOwnDms() throws Exception {
        var list = bolt.conversationsList(r -> r.types(List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL)));
        assertTrue(list.isOk(), list.getError());
        assertTrue(list.getChannels().stream().anyMatch(c -> "platform-audit".equals(c.getName()) && "CPLATFORMAUDIT".equals(c.getId())));
        assertTrue(list.getChannels().stream().noneMatch(c -> c.isIm()));
        var dm = bolt.conversationsHistory(r -> r.channel("DALICE"));
        assertTrue(dm.isOk(), "the bot is in its own DMs: " + dm.getError());
    }
}
