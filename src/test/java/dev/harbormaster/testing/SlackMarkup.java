package dev.harbormaster.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Slack would treat as markup in a sandbox channel: every {@code <…>} in the mrkdwn of its messages (their
 * text and every mrkdwn text object in their blocks), which Slack turns into a link, a mention or a ping, and
 * every button {@code url}. Plain-text objects are left out: Slack shows them as written.
 */
public final class SlackMarkup {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ANGLE = Pattern.compile("<[^<>]*>");

    private final List<String> mrkdwn = new ArrayList<>();
    private final List<String> buttonUrls = new ArrayList<>();

    private SlackMarkup() {
    }

    /** Everything the channel shows now, ephemeral messages included. */
    public static SlackMarkup of(String channel) {
        JsonNode messages;
        try {
            messages = JSON.readTree(RestAssured.get("/sandbox/messages?channel=" + channel).then().statusCode(200)
                    .extract().asString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SlackMarkup markup = new SlackMarkup();
        for (JsonNode message : messages) {
            markup.mrkdwn.add(message.path("text").asText(""));
            markup.walk(message.path("blocks"));
        }
        return markup;
    }

    /** Every {@code <…>} token, in order. */
    public List<String> tokens() {
        List<String> tokens = new ArrayList<>();
        for (String text : mrkdwn) {
            Matcher m = ANGLE.matcher(text);
            while (m.find()) {
                tokens.add(m.group());
            }
        }
        return tokens;
    }

    public List<String> buttonUrls() {
        return List.copyOf(buttonUrls);
    }

    /** All mrkdwn text, one message or text object a line, for assertions on what a reader sees. */
    public String text() {
        return String.join("\n", mrkdwn);
    }

    private void walk(JsonNode node) {
        if (node.isArray()) {
            node.forEach(this::walk);
        } else if (node.isObject()) {
            if (node.path("text").isTextual() && !"plain_text".equals(node.path("type").asText())) {
                mrkdwn.add(node.get("text").asText());
            }
            if ("button".equals(node.path("type").asText()) && node.has("url")) {
                buttonUrls.add(node.get("url").asText());
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                walk(field.getValue());
            }
        }
    }
}
