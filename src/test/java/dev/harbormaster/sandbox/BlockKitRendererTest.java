package dev.harbormaster.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page's Block Kit renderer (sandbox/ui/blockkit.js) in headless Chromium, on Slack's recorded payloads
 * (../shared/fixtures/slack) and on a message using every block type: what a person would see, counted.
 */
class BlockKitRendererTest {

    private static final Path FIXTURES = Path.of(System.getProperty("harbormaster.fixtures", "../shared/fixtures"), "slack");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Modelled on Slack's Block Kit Builder samples, with user input the bot would have echoed. */
    private static final String EVERY_BLOCK = """
            [
              {"type": "header", "text": {"type": "plain_text", "text": ":rocket: Deploy payments-api"}},
              {"type": "section", "block_id": "summary",
               "text": {"type": "mrkdwn", "text": "*Bold* _italic_ ~gone~ `code` <https://example.com/runs/1|run 1> for <@UBOB> in <#CPAYMENTS> &lt;script&gt;alert(1)&lt;/script&gt; :white_check_mark: :warning: :hourglass_flowing_sand:"},
               "accessory": {"type": "overflow", "action_id": "more", "options": [
                 {"text": {"type": "plain_text", "text": "Logs"}, "value": "logs"},
                 {"text": {"type": "plain_text", "text": "Rollback"}, "value": "rollback"}]}},
              {"type": "section", "fields": [
                 {"type": "mrkdwn", "text": "*Environment*\\nproduction"}, {"type": "mrkdwn", "text": "*Replicas*\\n3"},
                 {"type": "mrkdwn", "text": "*Requested by*\\n<@UALICE>"}, {"type": "plain_text", "text": "<b>not bold</b>"}]},
              {"type": "section", "text": {"type": "mrkdwn", "text": "```kubectl rollout status\\n<done>```\\n&gt; quoted line\\n• first\\n• second"},
               "accessory": {"type": "image", "image_url": "https://example.com/chart.png", "alt_text": "chart"}},
              {"type": "divider"},
              {"type": "context", "elements": [{"type": "mrkdwn", "text": "Requested <!date^1700000000^{date}|today>"},
                 {"type": "image", "image_url": "javascript:alert(1)", "alt_text": "bad"}]},
              {"type": "actions", "block_id": "decide", "elements": [
                 {"type": "button", "action_id": "approve", "style": "primary", "value": "42", "text": {"type": "plain_text", "text": "Approve"}},
                 {"type": "button", "action_id": "reject", "style": "danger", "value": "42", "text": {"type": "plain_text", "text": "Reject"},
                  "confirm": {"title": {"type": "plain_text", "text": "Reject?"}, "text": {"type": "mrkdwn", "text": "Sure?"},
                              "confirm": {"type": "plain_text", "text": "Reject"}, "deny": {"type": "plain_text", "text": "Keep"}}},
                 {"type": "static_select", "action_id": "env", "placeholder": {"type": "plain_text", "text": "Environment"},
                  "options": [{"text": {"type": "plain_text", "text": "staging"}, "value": "staging"}]}]},
              {"type": "image", "image_url": "https://example.com/graph.png", "alt_text": "latency graph", "title": {"type": "plain_text", "text": "Latency"}},
              {"type": "video", "title": {"type": "plain_text", "text": "Demo"}}
            ]
            """;

    private static Chromium chromium;

    @BeforeAll
    static void startBrowser() {
        chromium = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void loadRenderer() throws IOException {
        chromium.driver.get("about:blank");
        String script;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("sandbox/ui/blockkit.js")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        chromium.driver.executeScript(script);
        chromium.driver.executeScript("""
                window.actions = [];
                window.ctx = {
                  userName: id => ({UALICE: 'alice', UBOB: 'bob'})[id] || null,
                  channelName: id => ({CPAYMENTS: 'payments'})[id] || null,
                  users: () => [{id: 'UALICE', name: 'alice'}, {id: 'UBOB', name: 'bob'}],
                  channels: () => [{id: 'CPAYMENTS', name: 'payments'}],
                  onAction: a => window.actions.push([a.actionId, a.value]),
                  confirm: c => { window.confirmed = c.title.text; return Promise.resolve(true); },
                  suggest: () => Promise.resolve([])
                };
                """);
    }

    private WebElement render(String blocksJson, boolean form) {
        chromium.driver.executeScript("document.body.textContent = ''; window.ctx.form = arguments[1];"
                + "document.body.appendChild(BlockKit.renderBlocks(JSON.parse(arguments[0]), window.ctx));", blocksJson, form);
        return chromium.driver.findElement(By.cssSelector("body > .bk-blocks"));
    }

    @Test
    void everyBlockTypeIsDrawnAndTheUnknownOneIsAVisiblePlaceholder() {
        WebElement message = render(EVERY_BLOCK, false);
        chromium.screenshot("BlockKitRendererTest-every-block");
        assertEquals(9, message.findElements(By.cssSelector(":scope > .bk-block")).size(), "one node per block, none dropped");
        assertEquals("\uD83D\uDE80 Deploy payments-api", message.findElement(By.cssSelector(".bk-header")).getText());

        WebElement summary = message.findElement(By.cssSelector("[data-block-id=summary] .bk-section-text"));
        assertEquals("Bold", summary.findElement(By.tagName("b")).getText());
        assertEquals("italic", summary.findElement(By.tagName("i")).getText());
        assertEquals("gone", summary.findElement(By.tagName("s")).getText());
        assertEquals("code", summary.findElement(By.cssSelector("code")).getText());
        WebElement link = summary.findElement(By.tagName("a"));
        assertEquals("run 1", link.getText());
        assertEquals("https://example.com/runs/1", link.getAttribute("href"));
        assertEquals(List.of("@bob", "#payments"), summary.findElements(By.cssSelector(".bk-mention")).stream().map(WebElement::getText).toList());
        assertTrue(summary.getText().contains("<script>alert(1)</script> \u2705 \u26A0\uFE0F \u23F3"), summary.getText());
        assertTrue(chromium.driver.findElements(By.tagName("script")).isEmpty(), "escaped text stays text");

        List<String> fields = message.findElements(By.cssSelector(".bk-field")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("Environment\nproduction", "Replicas\n3", "Requested by\n@alice", "<b>not bold</b>"), fields);

        WebElement code = message.findElement(By.cssSelector(".bk-pre"));
        assertEquals("kubectl rollout status\n<done>", code.getText());
        assertEquals("quoted line", message.findElement(By.cssSelector(".bk-quote")).getText());
        assertEquals(2, message.findElements(By.cssSelector(".bk-list li")).size());
        assertEquals("chart", message.findElement(By.cssSelector(".bk-accessory img")).getAttribute("alt"));
        assertEquals(1, message.findElements(By.cssSelector("hr.bk-divider")).size());
        assertTrue(message.findElement(By.cssSelector(".bk-context")).getText().startsWith("Requested today"));
        assertTrue(message.findElements(By.cssSelector(".bk-context img")).isEmpty(), "a javascript: image is not loaded");

        assertEquals(List.of("bk-button bk-primary", "bk-button bk-danger"), message.findElements(By.cssSelector(".bk-actions .bk-button"))
                .stream().map(b -> b.getAttribute("class")).toList());
        assertEquals("Latency", message.findElement(By.cssSelector("figure.bk-image figcaption")).getText());
        WebElement unknown = message.findElement(By.cssSelector(".bk-unknown"));
        assertTrue(unknown.getText().startsWith("Not shown by the sandbox: block type video"), unknown.getText());
    }

    @Test
    void buttonsOverflowAndMenusReportWhatWasChosenAfterTheirConfirmDialog() {
        WebElement message = render(EVERY_BLOCK, false);
        message.findElement(By.xpath(".//button[normalize-space()='Approve']")).click();
        message.findElement(By.xpath(".//button[normalize-space()='Reject']")).click();
        message.findElement(By.cssSelector(".bk-overflow-toggle")).click();
        message.findElement(By.xpath(".//button[normalize-space()='Rollback']")).click();
        new Select(message.findElement(By.cssSelector(".bk-actions select"))).selectByValue("staging");
        chromium.waitFor("four actions", () -> ((List<?>) chromium.driver.executeScript("return window.actions")).size() == 4 ? true : null);
        assertEquals(List.of(List.of("approve", "42"), List.of("reject", "42"), List.of("more", "rollback"), List.of("env", "staging")),
                chromium.driver.executeScript("return window.actions"));
        assertEquals("Reject?", chromium.driver.executeScript("return window.confirmed"));
    }

    @Test
    void slacksRecordedModalIsAFormWhoseValuesAreCollectedAsTheSandboxSubmitsThem() throws IOException {
        JsonNode view = JSON.readTree(Files.readString(FIXTURES.resolve("view-submission.json"))).get("view");
        WebElement form = render(view.get("blocks").toString(), true);
        assertEquals(List.of("Rating", "Date of visit", "Comment"), form.findElements(By.cssSelector(".bk-label"))
                .stream().map(WebElement::getText).toList());
        assertEquals(List.of("Select an item", "\u2B50", "\u2B50\u2B50", "\u2B50\u2B50\u2B50"), form.findElements(By.cssSelector("select option"))
                .stream().map(o -> o.getAttribute("textContent")).toList());
        assertEquals("2019-09-26", form.findElement(By.cssSelector("input[type=date]")).getAttribute("value"));
        WebElement comment = form.findElement(By.tagName("textarea"));
        assertEquals(comment.getAttribute("id"), form.findElement(By.xpath(".//label[normalize-space()='Comment']")).getAttribute("for"));

        assertEquals(List.of("rating", "comment"), chromium.driver.executeScript("return BlockKit.missingRequired(document.body)"));
        new Select(form.findElement(By.tagName("select"))).selectByValue("2");
        comment.sendKeys("Great <b>visit</b>");
        assertEquals(Map.of("rating", Map.of("single_action", "2"), "date-of-visit", Map.of("single_action", "2019-09-26"),
                        "comment", Map.of("single_action", "Great <b>visit</b>")),
                chromium.driver.executeScript("return BlockKit.collectValues(document.body)"));

        chromium.driver.executeScript("BlockKit.showErrors(document.body, {comment: 'Say more than <b>that</b>'})");
        assertEquals("Say more than <b>that</b>", form.findElement(By.cssSelector("[data-block-id=comment] .bk-error")).getText());
        assertEquals("true", comment.getAttribute("aria-invalid"));
    }

    @Test
    void slacksRecordedExternalSelectIsATypeaheadTheBotFills() throws IOException {
        JsonNode view = JSON.readTree(Files.readString(FIXTURES.resolve("block-suggestion.json"))).get("view");
        WebElement form = render(view.get("blocks").toString(), true);
        WebElement box = form.findElement(By.cssSelector("[data-block-id=b] input[role=combobox]"));
        assertEquals("Label", box.getAttribute("aria-label"));
        assertTrue(form.findElements(By.cssSelector(".bk-unknown")).isEmpty());
    }
}
