package dev.harbormaster.team;

import dev.harbormaster.catalog.CatalogImport;
import dev.harbormaster.notify.OutboundMessage;
import dev.harbormaster.testing.CatalogYaml;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where a team's message goes: its channel, else the platform's; never nowhere, and a person's DM stays theirs. */
@QuarkusTest
class TeamRoutingTest {

    @Inject
    TeamRouting routing;
    @Inject
    CatalogImport catalogImport;

    @Test
    void aTeamWithAChannelIsRoutedThereWithThePlatformAsFallbackAndItsOnCallAndMembersAsMentions() {
        String prefix = "r" + UUID.randomUUID().toString().substring(0, 6);
        String yaml = CatalogYaml.people(prefix, "alice") + """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: %1$s-loud
                  annotations: {harbormaster.dev/slack-channel: %1$s-room, harbormaster.dev/on-call: alice@example.com}
                spec: {type: team, members: [%1$s-alice, UBOB]}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: %1$s-quiet}
                spec: {type: team, members: [UDAVE]}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: %1$s-svc}
                spec: {type: service, lifecycle: production, owner: %1$s-loud}
                """.formatted(prefix);
        assertTrue(catalogImport.importYaml("system", prefix + ".yaml", yaml).imported());

        TeamRoute loud = routing.forService(prefix + "-svc");
        assertEquals(Optional.of(prefix + "-loud"), loud.team());
        assertEquals(prefix + "-room", loud.channel());
        assertEquals(Optional.of("platform"), loud.fallback());
        assertEquals(Optional.of("<@email:alice@example.com>"), loud.onCall(), "resolved to <@U…> when the outbox delivers");
        assertEquals(List.of("<@email:alice@example.com>", "<@UBOB>"), loud.members());

        TeamRoute quiet = routing.forTeam(prefix + "-quiet");
        assertEquals("platform", quiet.channel(), "a team without a channel is heard in the platform's");
        assertEquals(Optional.empty(), quiet.fallback());
        assertEquals(routing.platform(), routing.forTeam(prefix + "-nobody"));
        assertEquals(routing.platform(), routing.forService(prefix + "-nothing"));

        OutboundMessage toTeam = routing.post(loud, "hello", null);
        assertEquals("platform", toTeam.fallback().channel());
        assertNull(routing.post("UALICE", "just for you", null).fallback(), "a direct message never lands in a channel");
    }
}
