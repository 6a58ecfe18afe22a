package dev.harbormaster.sandbox;

import dev.harbormaster.catalog.CatalogImport;
import dev.harbormaster.command.CommandRegistry;
import dev.harbormaster.command.CommandSpec;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import jakarta.inject.Inject;

import java.net.URL;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sandbox page in a real browser against the running bot: what a newcomer does at /sandbox, typed and
 * clicked, with the answers read off the page. Screenshots of each test's last state go to target/screenshots.
 */
@QuarkusTest
class SandboxPageTest {

    @Inject
    CommandRegistry registry;
    @Inject
    CatalogImport catalogImport;

    private static Chromium chromium;

    @TestHTTPResource("/sandbox")
    URL page;

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
    void resetWorkspace() {
        given().post("/sandbox/reset").then().statusCode(200);
    }

    @AfterEach
    void screenshot(TestInfo test) {
        chromium.screenshot("SandboxPageTest-" + test.getTestMethod().orElseThrow().getName());
    }

    @Test
    void helpListsEveryCommandOnlyToTheUserWhoAsked() {
        open("alice", "payments");
        send("/platform help");
        WebElement help = message("catalog import");
        List<String> names = given().get("/sandbox/commands").jsonPath().getList("commands.name");
        names.forEach(name -> assertTrue(help.getText().contains(name), "help mentions " + name + ": " + help.getText()));
        assertTrue(help.getText().contains("Only visible to you"), help.getText());
        assertTrue(help.findElements(By.cssSelector(".bk-unknown")).isEmpty(), "every block of the help is drawn");
    }

    @Test
    void autocompleteFillsTheCommandAndTheServiceCardShowsItsFields() {
        open("alice", "payments");
        WebElement composer = composer();
        composer.sendKeys("/platform ser");
        List<String> offered = chromium.waitFor("the autocomplete opens", () -> {
            List<String> texts = chromium.driver.findElements(By.cssSelector("#autocomplete .completion-usage"))
                    .stream().map(WebElement::getText).toList();
            return texts.isEmpty() ? null : texts;
        });
        List<String> expected = registry.specs().stream()
                .filter(spec -> spec.name().startsWith("ser"))
                .sorted(Comparator.comparing(CommandSpec::name))
                .map(spec -> "/platform " + spec.usage())
                .toList();
        assertTrue(expected.contains("/platform service <name>"), expected.toString());
        assertEquals(expected, offered, "every command starting with `ser`, with its usage");
        composer.sendKeys(Keys.TAB);
        assertEquals("/platform service ", composer.getAttribute("value"));
        assertTrue(chromium.driver.findElement(By.id("hint")).getText().contains("The service's catalog name"));
        composer.sendKeys("payments-api", Keys.ENTER);

        WebElement card = message("Authorises, captures and refunds");
        assertEquals("payments-api", card.findElement(By.cssSelector(".bk-header")).getText());
        List<String> fields = card.findElements(By.cssSelector(".bk-field")).stream().map(WebElement::getText).toList();
        assertTrue(fields.contains("Owner\npayments · #payments"), fields.toString());
        assertTrue(fields.contains("Tier\n1"), fields.toString());
        assertTrue(card.findElements(By.cssSelector(".bk-unknown")).isEmpty());
    }

    @Test
    void theRegisterFormShowsTheBotsErrorUnderTheFieldThenRegisters() {
        String name = "ui-" + UUID.randomUUID().toString().substring(0, 8);
        open("alice", "payments");
        send("/platform register");
        WebElement modal = chromium.waitFor("the register form opens", () -> visible(By.cssSelector("#modal-layer .modal")));
        assertEquals("Register a service", modal.findElement(By.id("modal-title")).getText());

        submitModal();
        assertEquals("Please complete this required field.", error("name"));
        assertEquals("Please complete this required field.", error("owner"));

        input("name").sendKeys("Bad Name");
        new Select(chromium.driver.findElement(By.cssSelector(".bk-input-block[data-block-id=owner] select"))).selectByValue("payments");
        submitModal();
        chromium.waitFor("the bot's error under Name", () -> error("name").contains("cannot name a Kubernetes workload") ? true : null);
        assertEquals("", error("owner"));
        chromium.screenshot("SandboxPageTest-register-error");

        input("name").clear();
        input("name").sendKeys(name);
        submitModal();
        chromium.waitFor("the form closes", () -> chromium.driver.findElement(By.id("modal-layer")).isDisplayed() ? null : true);
        WebElement confirmation = message("Registered " + name);
        assertTrue(confirmation.getText().contains("See it with /platform service " + name), confirmation.getText());
        assertTrue(confirmation.getText().contains("Only visible to you"));
    }

    @Test
    void pagingTheServiceListChangesTheMessageAndAnotherUserNeverSeesIt() {
        String team = "ui" + UUID.randomUUID().toString().substring(0, 6);
        StringBuilder yaml = new StringBuilder("""
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: %s}
                spec: {type: team, children: []}
                """.formatted(team));
        for (int i = 1; i <= 12; i++) {
            yaml.append("---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: %s-svc-%02d}\n".formatted(team, i))
                    .append("spec: {type: service, lifecycle: production, owner: %s}\n".formatted(team));
        }
        open("carol", "platform");
        composer().click();
        chromium.driver.executeScript("arguments[0].value = arguments[1]", composer(), "/platform catalog import " + yaml);
        composer().sendKeys(Keys.ENTER);
        message("Imported");

        switchUser("alice");
        send("/platform services --team " + team);
        WebElement list = message("12 services team " + team + " · page 1 of 2");
        assertTrue(list.findElements(By.xpath(".//button[normalize-space()='Previous page']")).isEmpty());
        list.findElement(By.xpath(".//button[normalize-space()='Next page']")).click();
        WebElement second = message("12 services team " + team + " · page 2 of 2");
        assertTrue(second.getText().contains(team + "-svc-11") && second.getText().contains(team + "-svc-12"), second.getText());
        assertFalse(second.getText().contains(team + "-svc-01"), second.getText());
        assertEquals(1, second.findElements(By.xpath(".//button[normalize-space()='Previous page']")).size());
        chromium.screenshot("SandboxPageTest-services-page-2");

        switchUser("bob");
        chromium.waitFor("bob's view of #platform", () -> visible(By.cssSelector("#messages .empty")));
        assertTrue(chromium.driver.findElements(By.cssSelector("#messages .message")).isEmpty(),
                "bob sees neither carol's import report nor alice's list");
    }

    @Test
    void aButtonClickedByOneUserChangesTheMessageForEveryone() {
        open("alice", "payments");
        send("/sandbox-echo loud ship <img src=x onerror=window.injected=1> *now*");
        WebElement echo = message("echo: loud ship");
        assertTrue(echo.findElements(By.tagName("img")).isEmpty(), "what alice typed is never HTML: " + echo.getText());
        assertEquals(null, chromium.driver.executeScript("return window.injected"));
        assertEquals("now", echo.findElement(By.cssSelector(".bk-section-text b")).getText(), "but it is mrkdwn");

        switchUser("bob");
        message("echo: loud ship").findElement(By.xpath(".//button[normalize-space()='Reject']")).click();
        message("rejected by bob");

        switchUser("alice");
        message("rejected by bob");
    }

    @Test
    void bobApprovesAlicesTransferAndEveryoneInTheChannelSeesTheOutcome() {
        String service = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        var report = catalogImport.importYaml("system", "browser-test.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: %s}
                spec: {type: service, lifecycle: production, owner: payments}
                """.formatted(service));
        assertTrue(report.imported(), report.problems().toString());

        open("alice", "payments");
        send("/platform service transfer " + service + " --to platform");
        message("waiting for approval");

        open("bob", "platform-approvals");
        WebElement request = message("Transfer " + service);
        request.findElement(By.xpath(".//button[normalize-space()='Approve']")).click();
        WebElement decided = message("Done");
        assertTrue(decided.getText().contains(service), decided.getText());
        assertTrue(decided.findElements(By.xpath(".//button[normalize-space()='Approve']")).isEmpty(),
                "no buttons once it is decided");

        switchUser("carol");
        assertTrue(message("Done").getText().contains("approved"), "carol sees the same edited request");
        open("alice", "payments");
        send("/platform owner " + service);
        message("is owned by platform");
    }

    @Test
    void everyKindOfInputReachesTheBotIncludingOptionsItSuggests() {
        open("alice", "dm-alice");
        send("/sandbox-every-input");
        chromium.waitFor("the form opens", () -> visible(By.cssSelector("#modal-layer .modal")));
        input("replicas").sendKeys("12");
        input("notes").sendKeys("two" + Keys.SHIFT + Keys.ENTER + Keys.SHIFT + "lines");
        Select environments = new Select(chromium.driver.findElement(By.cssSelector(".bk-input-block[data-block-id=envs] select")));
        environments.selectByValue("staging");
        environments.selectByValue("production");
        input("region").sendKeys("eu");
        List<WebElement> suggested = chromium.waitFor("the bot's suggestions", () -> {
            List<WebElement> options = chromium.driver.findElements(By.cssSelector(".bk-suggestion"));
            return options.size() == 3 ? options : null;
        });
        assertEquals(List.of("EU-WEST-1", "EU-WEST-2", "EU-CENTRAL-1"), suggested.stream().map(WebElement::getText).toList());
        suggested.get(1).click();
        new Select(chromium.driver.findElement(By.cssSelector(".bk-input-block[data-block-id=approver] select"))).selectByValue("UBOB");
        chromium.driver.findElement(By.xpath("//label[normalize-space()='Load test']")).click();
        chromium.driver.findElement(By.cssSelector(".bk-input-block[data-block-id=speed] input[value=canary]")).click();
        submitModal();
        chromium.waitFor("the bot's error under Replicas", () -> error("replicas").equals("At most 10 replicas in the sandbox") ? true : null);

        input("replicas").clear();
        input("replicas").sendKeys("3");
        submitModal();
        WebElement summary = message("replicas=3");
        assertEquals("replicas=3 notes=two\nlines envs=staging+production region=eu-west-2 approver=@bob checks=load speed=canary",
                summary.findElement(By.cssSelector(".message-text")).getText());
    }

    @Test
    void choosingAPlanInTheAddOnFormLoadsItsFieldsKeepsWhatWasTypedAndShowsTheBotsErrorUnderTheParameter() {
        open("alice", "payments");
        send("/platform addon create");
        chromium.waitFor("the add-on form opens", () -> visible(By.cssSelector("#modal-layer .modal")));
        assertEquals("Create an add-on", modalTitle());
        assertTrue(chromium.driver.findElement(By.id("modal-layer")).getText().contains("Choose a plan to see its parameters."));
        input("name").sendKeys("ui-db");
        input("service").sendKeys("payments-api");
        input("env").sendKeys("staging");

        new Select(chromium.driver.findElement(By.cssSelector(".bk-input-block[data-block-id=plan] select"))).selectByValue("postgresql/small");
        WebElement limit = chromium.waitFor("the plan's fields, drawn by the bot's views.update", () ->
                visible(By.cssSelector(".bk-input-block[data-block-id='param:connection_limit'] input")));
        assertEquals("ui-db", input("name").getAttribute("value"), "what was typed survives the redraw, as in Slack");
        assertEquals("postgresql/small", new Select(chromium.driver.findElement(
                By.cssSelector(".bk-input-block[data-block-id=plan] select"))).getFirstSelectedOption().getAttribute("value"));

        limit.clear();
        limit.sendKeys("500");
        submitModal();
        chromium.waitFor("the bot's error under the parameter", () ->
                error("'param:connection_limit'").equals("Parameter connection_limit: must be at most 100") ? true : null);
        assertEquals("", error("name"));
    }

    @Test
    void aPushedFormStacksAndEscapeClosesOneAtATime() {
        open("bob", "platform");
        send("/sandbox-form");
        chromium.waitFor("the form opens", () -> visible(By.cssSelector("#modal-layer .modal")));
        chromium.driver.findElement(By.xpath("//div[@id='modal-layer']//button[normalize-space()='More options']")).click();
        chromium.waitFor("the pushed view", () -> "More options".equals(modalTitle()) ? true : null);
        assertEquals("Sandbox form ›", chromium.driver.findElement(By.cssSelector(".modal-trail")).getText());
        chromium.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        chromium.waitFor("back to the first view", () -> "Sandbox form".equals(modalTitle()) ? true : null);
        chromium.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        chromium.waitFor("every view closed", () -> chromium.driver.findElement(By.id("modal-layer")).isDisplayed() ? null : true);
        assertEquals(0, given().get("/sandbox/views?user=bob").jsonPath().getList("").size());
    }

    @Test
    void repliesInAThreadAreCountedAndShownInTheThreadPanel() {
        JsonPath command = given().contentType("application/json")
                .body(Map.of("user", "alice", "channel", "payments", "text", "loud deploy", "command", "/sandbox-echo"))
                .post("/sandbox/command").then().statusCode(200).extract().jsonPath();
        String ts = given().get("/sandbox/messages?channel=payments").jsonPath().getString("[0].ts");
        String responseUrl = command.getString("response_url");
        given().contentType("application/json").body(Map.of("text", "deploying <@UBOB> :rocket:", "response_type", "in_channel", "thread_ts", ts))
                .post(responseUrl.substring(responseUrl.indexOf("/sandbox/"))).then().statusCode(200);

        open("bob", "payments");
        WebElement parent = message("echo: loud deploy");
        WebElement replies = parent.findElement(By.cssSelector(".replies"));
        assertEquals("1 reply", replies.getText());
        assertEquals(1, chromium.driver.findElements(By.cssSelector("#messages .message")).size(), "the reply stays in its thread");
        replies.click();
        WebElement thread = chromium.waitFor("the thread panel", () -> visible(By.id("thread")));
        assertTrue(thread.getText().contains("deploying @bob"), thread.getText());
    }

    // ---- what a person does ----------------------------------------------------------------------

    private void open(String user, String channel) {
        chromium.driver.get(page + "?user=" + user + "&channel=" + channel);
        chromium.waitFor("the page is ready", () -> "true".equals(chromium.driver.findElement(By.tagName("body")).getAttribute("data-ready")) ? true : null);
    }

    private WebElement composer() {
        return chromium.driver.findElement(By.id("composer-input"));
    }

    private void send(String text) {
        composer().sendKeys(text, Keys.ENTER);
    }

    private void switchUser(String name) {
        new Select(chromium.driver.findElement(By.id("acting-user"))).selectByValue(name);
    }

    private void submitModal() {
        chromium.driver.findElement(By.cssSelector("#modal-layer .modal-submit")).click();
    }

    private WebElement input(String blockId) {
        return chromium.driver.findElement(By.cssSelector(".bk-input-block[data-block-id=" + blockId + "] input, "
                + ".bk-input-block[data-block-id=" + blockId + "] textarea"));
    }

    private String error(String blockId) {
        return chromium.driver.findElement(By.cssSelector(".bk-input-block[data-block-id=" + blockId + "] .bk-error"))
                .getAttribute("textContent");
    }

    private String modalTitle() {
        List<WebElement> titles = chromium.driver.findElements(By.id("modal-title"));
        return titles.isEmpty() ? null : titles.get(0).getText();
    }

    private WebElement visible(By by) {
        List<WebElement> found = chromium.driver.findElements(by);
        return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
    }

    /** The message in the stream whose text contains {@code text}, waiting for it to arrive. */
    private WebElement message(String text) {
        return chromium.waitFor("a message containing \"" + text + "\"", () -> chromium.driver
                .findElements(By.cssSelector("#messages .message")).stream()
                .filter(m -> m.getText().contains(text)).findFirst().orElse(null));
    }
}
