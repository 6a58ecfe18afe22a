package dev.harbormaster.catalog;

import dev.harbormaster.testing.SlackMarkup;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.harbormaster.testing.Await.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A descriptor written to abuse Slack (pings, mentions, disguised and scripted links) is imported, and people then
 * look the service up: what reaches the channel is inert text, and the only links are real web addresses shown
 * as themselves.
 */
@QuarkusTest
class CatalogHostileTextTest {

    private static final String DESCRIPTOR = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: hostile-api
              description: "<!channel> log in at <https://evil.example/login|the SSO page> & ask <@U123> or <!subteam^S1>"
              annotations:
                harbormaster.dev/runbook: "javascript:alert(1)"
                backstage.io/source-location: "url:https://evil.example/login|Open your new database (SSO)"
              links:
                - url: "https://evil.example/login|Open your new database (SSO)"
                  title: Grafana
                - url: "!channel"
                  title: "<!channel>"
                - url: "https://intranet.example@evil.example/login"
                  title: Intranet
                - url: "https://grafana.example.com/d/hostile?from=now-1h&to=now"
                  title: "Open your new database (SSO) <@U123>"
            spec:
              type: service
              lifecycle: production
              owner: payments
            """;

    /** The bot's own markup: the payments team's people and its channel. */
    private static final Pattern BOTS_OWN_MARKUP = Pattern.compile("<@U(ALICE|BOB)>|<#C[A-Z0-9]+>");

    @Inject
    CatalogImport catalogImport;

    @BeforeEach
    void reset() {
        RestAssured.given().contentType("application/json").body("{}").post("/sandbox/reset").then().statusCode(200);
    }

    @Test
    void aHostileDescriptorReachesSlackAsInertTextWithOnlyRealLinks() {
        assertTrue(catalogImport.importYaml("system", "hostile-api.yaml", DESCRIPTOR).imported(), "imported");
        command("service hostile-api", "Service hostile-api");
        command("owner hostile-api", "Owner of hostile-api");

        SlackMarkup shown = SlackMarkup.of("payments");
        List<String> foreign = shown.tokens().stream().filter(t -> !BOTS_OWN_MARKUP.matcher(t).matches()).toList();
        assertEquals(List.of("<https://grafana.example.com/d/hostile?from=now-1h&amp;to=now|grafana.example.com/d/hostile>"),
                foreign, "the one real web address is the only link, and its text is the address");
        assertEquals(List.of(), shown.buttonUrls());
        String text = shown.text();
        assertTrue(text.contains("&lt;!channel&gt; log in at &lt;https://evil.example/login|the SSO page&gt; &amp; ask "
                + "&lt;@U123&gt;"), "the description is shown, inert:\n" + text);
        assertTrue(text.contains("Open your new database (SSO) &lt;@U123&gt; <https://grafana.example.com/"),
                "a title stands beside its link, not as its text:\n" + text);
        assertTrue(text.contains("`javascript:alert(1)` _(not linked"), text);
        assertTrue(text.contains("Intranet _(address not shown: it carries a user name or password)_"), text);
    }

    private static void command(String line, String answerStartsWith) {
        RestAssured.given().contentType("application/json")
                .body(Map.of("user", "alice", "channel", "payments", "text", line))
                .post("/sandbox/command").then().statusCode(200);
        waitFor("the answer to " + line, () -> SlackMarkup.of("payments").text().contains(answerStartsWith));
    }
}
