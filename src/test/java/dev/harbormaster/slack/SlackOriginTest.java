package dev.harbormaster.slack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ids Slack's own payloads name, read from bodies as they arrive over HTTP and over Socket Mode. */
class SlackOriginTest {

    @Test
    void aSlashCommandFormNamesItsWorkspaceAndOrganisation() throws IOException {
        SlackOrigin origin = SlackOrigin.of(fixture("slash-command.form.txt"));
        assertEquals("slash command", origin.kind());
        assertEquals(Set.of("T0001"), origin.teamIds());
        assertEquals(Set.of("E0001"), origin.enterpriseIds());
        assertFalse(origin.enterpriseInstall());
    }

    @Test
    void interactivePayloadsAreReadFromTheirPayloadField() throws IOException {
        assertEquals(Set.of("T111"), SlackOrigin.of(asForm(fixture("block-actions-button-message.json"))).teamIds());
        SlackOrigin suggestion = SlackOrigin.of(asForm(fixture("block-suggestion.json")));
        assertEquals("block_suggestion", suggestion.kind());
        assertEquals(Set.of("T123"), suggestion.teamIds());
        SlackOrigin submission = SlackOrigin.of(asForm(fixture("view-submission.json")));
        assertEquals("view_submission", submission.kind());
        assertEquals(Set.of("T12345678"), submission.teamIds());
        assertEquals(Set.of(), submission.enterpriseIds());
    }

    @Test
    void overSocketModeTheSamePayloadsArriveAsJson() throws IOException {
        assertEquals(Set.of("T123"), SlackOrigin.of(fixture("block-suggestion.json")).teamIds());
        SlackOrigin command = SlackOrigin.of("""
                {"token":"t","team_id":"T0OTHER","team_domain":"other","enterprise_id":"E0OTHER","channel_id":"C1",
                 "user_id":"U1","command":"/platform","text":"help","is_enterprise_install":"true"}""");
        assertEquals("slash command", command.kind());
        assertEquals(Set.of("T0OTHER"), command.teamIds());
        assertEquals(Set.of("E0OTHER"), command.enterpriseIds());
        assertTrue(command.enterpriseInstall());
    }

    @Test
    void aSlackConnectClickNamesTheChannelsWorkspaceAndThePersonsHomeWorkspace() {
        SlackOrigin click = SlackOrigin.of(asForm("""
                {"type":"block_actions","team":{"id":"T0SANDBOX","domain":"sandbox"},
                 "user":{"id":"U0GUEST","username":"guest","team_id":"T0OTHER"},"enterprise":null,
                 "is_enterprise_install":false,"actions":[]}"""));
        assertEquals(Set.of("T0OTHER", "T0SANDBOX"), click.teamIds());
        assertEquals("workspace T0OTHER, T0SANDBOX", click.describe());
    }

    @Test
    void anEnterpriseGridClickNamesItsOrganisationTwice() {
        SlackOrigin click = SlackOrigin.of(asForm("""
                {"type":"block_actions","team":{"id":"T1","domain":"a","enterprise_id":"E1","enterprise_name":"Org"},
                 "user":{"id":"W1","team_id":"T1"},"enterprise":{"id":"E1","name":"Org"},"is_enterprise_install":false}"""));
        assertEquals(Set.of("T1"), click.teamIds());
        assertEquals(Set.of("E1"), click.enterpriseIds());
    }

    @Test
    void anEventOfAnOrgWideInstallNamesWhereItHappenedAndTheOrganisation() {
        SlackOrigin event = SlackOrigin.of("""
                {"token":"t","team_id":"T1","enterprise_id":"E1","context_team_id":"T2","context_enterprise_id":"E1",
                 "api_app_id":"A1","type":"event_callback","event_id":"Ev1","event_time":1700000000,
                 "event":{"type":"reaction_added","user":"W1"},
                 "authorizations":[{"enterprise_id":"E1","team_id":null,"user_id":"U0BOT","is_bot":true,
                                    "is_enterprise_install":true}],
                 "is_ext_shared_channel":false}""");
        assertEquals("event_callback", event.kind());
        assertEquals(Set.of("T1", "T2"), event.teamIds());
        assertEquals(Set.of("E1"), event.enterpriseIds());
        assertTrue(event.enterpriseInstall());
        assertEquals("workspace T1, T2, enterprise E1 (org-wide install)", event.describe());
    }

    @Test
    void aBodyItCannotReadNamesNothing() {
        for (String body : new String[]{"", "garbage", "payload=%7Bnot+json", "{\"type\":", "payload=%ZZ", "team_id=%"}) {
            SlackOrigin origin = SlackOrigin.of(body);
            assertTrue(origin.teamIds().isEmpty() && origin.enterpriseIds().isEmpty(), body);
        }
    }

    @Test
    void whatAPersonTypedNamesNoWorkspace() {
        String typed = URLEncoder.encode("team_id=T0EVIL&enterprise_id=E0EVIL 100% " + "x".repeat(40_000), StandardCharsets.UTF_8);
        for (String body : new String[]{"text=" + typed + "&team_id=T0001", "team_id=T0001&text=%ZZ" + typed}) {
            SlackOrigin origin = SlackOrigin.of(body);
            assertEquals(Set.of("T0001"), origin.teamIds());
            assertTrue(origin.enterpriseIds().isEmpty());
        }
    }

    private static String asForm(String json) {
        return "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = SlackOriginTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
