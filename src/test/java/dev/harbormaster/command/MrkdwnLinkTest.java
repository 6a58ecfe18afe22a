package dev.harbormaster.command;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which addresses from outside become links in Slack, and how the rest is shown. */
class MrkdwnLinkTest {

    @Test
    void onlyAbsoluteWebAddressesBecomeLinksWithTheBotsText() {
        assertEquals("<https://grafana.example.com/d/1?a=1&amp;b=2|Open the dashboard>",
                Mrkdwn.link("https://grafana.example.com/d/1?a=1&b=2", "Open the dashboard"));
        assertEquals("<http://10.0.0.1:3000/|Open the dashboard>", Mrkdwn.link("http://10.0.0.1:3000/", "Open the dashboard"));
        assertEquals("<HTTPS://Example.com/x|example>", Mrkdwn.link("HTTPS://Example.com/x", "example"));
    }

    @Test
    void aLinkWithoutOurWordsReadsAsItsAddress() {
        assertEquals("<https://github.com/example/payments-api/|github.com/example/payments-api/>",
                Mrkdwn.link("https://github.com/example/payments-api/"));
        assertEquals("<https://wiki.example.com|wiki.example.com>", Mrkdwn.link("https://wiki.example.com"));
        String longPath = "https://docs.example.com/" + "a".repeat(100);
        assertTrue(Mrkdwn.link(longPath).endsWith("…>"), Mrkdwn.link(longPath));
    }

    @Test
    void everythingElseIsInertCodeWithANote() {
        for (String hostile : new String[]{"<!channel>", "!channel", "<@U123>", "<!subteam^S1>", "javascript:alert(1)",
                "https://evil.example/login|Open your new database (SSO)", "https://evil.example/a b", "https://evil.example/<x>",
                "//evil.example/", "/relative/path", "https://", "https://xn--80ak6aa92e.com/\u0430", "ftp://files.example/",
                "data:text/html,<script>", "https://evil.example/\n<!channel>", "https://evil.example/" + "a".repeat(3000)}) {
            String shown = Mrkdwn.link(hostile, "Open the dashboard");
            assertFalse(Mrkdwn.webUrl(hostile).isPresent(), hostile);
            assertTrue(shown.startsWith("`") && shown.endsWith(" _(not linked: not an http(s) address)_"), shown);
            assertFalse(shown.contains("<") || shown.contains(">"), "no Slack markup in " + shown);
        }
    }

    @Test
    void anAddressWithAUserOrPasswordIsNotEvenShown() {
        for (String withUser : new String[]{"https://user:secret@db.example/", "https://intranet.example@evil.example/",
                "postgres://app:secret@db.example:5432/orders"}) {
            assertFalse(Mrkdwn.webUrl(withUser).isPresent(), withUser);
            assertEquals("_(address not shown: it carries a user name or password)_", Mrkdwn.link(withUser, "Open"));
        }
    }

    @Test
    void theLimitIsBlockKitsButtonUrlLimit() {
        String longest = "https://example.com/" + "a".repeat(Mrkdwn.MAX_URL - "https://example.com/".length());
        assertTrue(Mrkdwn.webUrl(longest).isPresent());
        assertFalse(Mrkdwn.webUrl(longest + "a").isPresent());
    }

    @Test
    void codeCannotBeClosedEarlyByABacktick() {
        assertEquals("`a'b &lt;!here&gt;`", Mrkdwn.code("a`b <!here>"));
    }
}
