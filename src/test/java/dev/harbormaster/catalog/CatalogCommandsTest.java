package dev.harbormaster.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.User;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.harbormaster.command.Caller;
import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.CommandSpec;
import dev.harbormaster.notify.SlackGateway;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The catalog commands as a user sees them. Each test imports its own team and services under a
 * unique prefix, and the demo teams (for the platform admins), so it does not depend on test order.
 */
@QuarkusTest
class CatalogCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CatalogImport catalogImport;
    @Inject
    CatalogStartup startup;
    @Inject
    Catalog catalog;
    @Inject
    ShowService showService;
    @Inject
    ListServices listServices;
    @Inject
    ShowTeam showTeam;
    @Inject
    ListTeams listTeams;
    @Inject
    ShowOwner showOwner;
    @Inject
    EditService editService;
    @Inject
    RegisterService registerService;
    @Inject
    ImportCatalog importCatalog;
    @Inject
    CatalogInteractions interactions;
    @InjectMock
    SlackGateway gateway;
    @Inject
    jakarta.persistence.EntityManager entities;

    private String prefix;
    private String team;

    @BeforeEach
    void importTestTeam() {
        dev.harbormaster.testing.DemoCatalog.forgetChatChanges();
        // These tests answer users.info for carol themselves; an email another test's Slack gave for the same id
        // (remembered in slack_identity) would be used instead of asking. Erin, whose email differs per test, gets an
        // id of her own in each: a background refresh left by an earlier test can write her old email after any delete.
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> entities.createNativeQuery(
                "delete from slack_identity where user_id = 'UCAROL'").executeUpdate());
        startup.importDemo();
        prefix = "t" + UUID.randomUUID().toString().substring(0, 6);
        team = prefix + "-team";
        StringBuilder yaml = new StringBuilder("""
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: %s
                  annotations: {harbormaster.dev/slack-channel: CTEAMCHAN01, harbormaster.dev/on-call: UONCALL}
                spec: {type: team, members: [UDANA, erin-%s]}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata: {name: erin-%s}
                spec: {profile: {email: erin@%s.example}}
                """.formatted(team, prefix, prefix, prefix));
        for (int i = 1; i <= 11; i++) {
            yaml.append("---\n").append(CatalogImportTest.component(prefix + "-svc-" + i, team, """
                      harbormaster:
                        environments:
                          - {name: production, cluster: eks-eu-1, namespace: ns%d, region: eu-west-1, replicas: {min: 2, max: 6}, cpu: 500m, memory: 512Mi}
                    """.formatted(i)).replace("metadata:\n", "metadata:\n  annotations: {harbormaster.dev/tier: \"%d\"}\n"
                    .formatted(i == 1 ? 1 : 3)));
        }
        ImportReport report = catalogImport.importYaml("system", "commands-test.yaml", yaml.toString());
        assertTrue(report.imported(), report.problems().toString());
        when(gateway.userInfo(anyString())).thenReturn(Optional.empty());
    }

    @Test
    void aPageBeyondTheLastShowsTheLastPageUnderItsOwnNumber() throws Exception {
        for (String page : List.of("99", "2147483647")) {
            CommandReply reply = listServices.execute(invocation("services", Map.of(),
                    Map.of("team", List.of(team), "page", List.of(page)), "UALICE"));
            assertTrue(reply.text().startsWith("11 services team `" + team + "` · page 2 of 2"), reply.text());
            String blocks = JSON.writeValueAsString(reply.blocks());
            assertTrue(blocks.contains(prefix + "-svc-9"), blocks);
            assertTrue(!blocks.contains("Next page") && blocks.contains("Previous page"), blocks);
            String previous = JSON.readTree(blocks).findValues("value").stream().map(v -> v.asText())
                    .filter(v -> v.startsWith("page=")).findFirst().orElseThrow();
            assertTrue(previous.startsWith("page=1"), previous);
        }
    }

    @Test
    void serviceCardShowsOwnerChannelOnCallEnvironmentsAndSource() throws Exception {
        CommandReply reply = showService.execute(invocation("service", Map.of("name", prefix + "-svc-1"), Map.of(), "UALICE"));
        String blocks = JSON.writeValueAsString(reply.blocks());
        assertTrue(blocks.contains("*Owner*\\n*" + team + "* · <#CTEAMCHAN01>"), blocks);
        assertTrue(blocks.contains("*On-call*\\n<@UONCALL>"), blocks);
        assertTrue(blocks.contains("*Tier*\\n1"), blocks);
        assertTrue(blocks.contains("• `production` eks-eu-1/ns1 · eu-west-1 · replicas 2–6 · 500m cpu / 512Mi memory"), blocks);
        assertTrue(blocks.contains("Source: component:default/" + prefix + "-svc-1 (commands-test.yaml)"), blocks);
    }

    @Test
    void anUnknownServiceGetsTheClosestNameAndHowToList() throws Exception {
        CommandReply reply = showService.execute(invocation("service", Map.of("name", prefix + "-svc-11x"), Map.of(), "UALICE"));
        assertTrue(reply.text().startsWith("No service named `" + prefix + "-svc-11x`. Did you mean `" + prefix + "-svc-11`"),
                reply.text());
        assertTrue(reply.text().contains("/platform services"), reply.text());
        CommandReply paymnts = showService.execute(invocation("service", Map.of("name", "paymnts-api"), Map.of(), "UALICE"));
        assertTrue(paymnts.text().contains("Did you mean `payments-api`"), paymnts.text());
    }

    @Test
    void servicesArePagedTenAtATimeAndTheButtonShowsTheNextPage() throws Exception {
        CommandReply first = listServices.execute(invocation("services", Map.of(), Map.of("team", List.of(team)), "UALICE"));
        assertTrue(first.text().startsWith("11 services team `" + team + "` · page 1 of 2"), first.text());
        String blocks = JSON.writeValueAsString(first.blocks());
        assertTrue(blocks.contains("Next page") && !blocks.contains("Previous page"), blocks);
        String value = JSON.readTree(blocks).findValues("value").stream().map(v -> v.asText())
                .filter(v -> v.startsWith("page=2")).findFirst().orElseThrow();
        CommandReply second = interactions.servicesPage(value);
        assertTrue(second.text().startsWith("11 services team `" + team + "` · page 2 of 2"), second.text());
        assertTrue(JSON.writeValueAsString(second.blocks()).contains("Previous page"));

        CommandReply tierOne = listServices.execute(invocation("services", Map.of(),
                Map.of("team", List.of(team), "tier", List.of("1")), "UALICE"));
        assertTrue(tierOne.text().startsWith("1 service team `" + team + "`, tier 1"), tierOne.text());
        CommandReply query = listServices.execute(invocation("services", Map.of(), Map.of("query", List.of(prefix + "-svc-1")), "UALICE"));
        String matches = JSON.writeValueAsString(query.blocks());
        assertTrue(query.text().contains(" services matching `" + prefix + "-svc-1`"), query.text());
        assertTrue(matches.contains("*" + prefix + "-svc-10*") && matches.contains("*" + prefix + "-svc-11*"), matches);
    }

    @Test
    void anUnknownTeamFilterSuggestsTeams() throws Exception {
        CommandReply reply = listServices.execute(invocation("services", Map.of(), Map.of("team", List.of("paymnts")), "UALICE"));
        assertTrue(reply.text().startsWith("No team named `paymnts`. Did you mean `payments`"), reply.text());
    }

    @Test
    void teamCardAndOwnerListWhoToAsk() throws Exception {
        CommandReply card = showTeam.execute(invocation("team", Map.of("name", team), Map.of(), "UALICE"));
        String blocks = JSON.writeValueAsString(card.blocks());
        assertTrue(blocks.contains("*Members*\\n<@UDANA>, erin@" + prefix + ".example"), blocks);
        assertTrue(blocks.contains("*Services (11)*"), blocks);
        assertTrue(blocks.contains(prefix + "-svc-1 — tier 1, production"), blocks);

        CommandReply owner = showOwner.execute(invocation("owner", Map.of("service", prefix + "-svc-1"), Map.of(), "UALICE"));
        String ownerBlocks = JSON.writeValueAsString(owner.blocks());
        assertTrue(ownerBlocks.contains("*Who to ask:* <@UDANA>, erin@" + prefix + ".example"), ownerBlocks);
        assertTrue(ownerBlocks.contains("Tier 1: for an outage, page the on-call right away"), ownerBlocks);

        CommandReply teams = listTeams.execute(invocation("teams", Map.of(), Map.of(), "UALICE"));
        assertTrue(JSON.writeValueAsString(teams.blocks()).contains("*" + team + "* · <#CTEAMCHAN01> · 11 services"));
        CommandReply unknown = showTeam.execute(invocation("team", Map.of("name", "platfrm"), Map.of(), "UALICE"));
        assertTrue(unknown.text().contains("Did you mean `platform`"), unknown.text());
    }

    @Test
    void ownerSaysWhenTheOwnerIsNoTeamAndWhenATeamHasNoOnCall() throws Exception {
        String quiet = prefix + "-quiet";
        String yaml = """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: {name: %s, annotations: {harbormaster.dev/slack-channel: CQUIET0001}}
                spec: {type: team, members: []}
                """.formatted(quiet)
                + "---\n" + CatalogImportTest.component(prefix + "-by-guest", "user:guest", "")
                + "---\n" + CatalogImportTest.component(prefix + "-by-ghosts", "group:ghosts-" + prefix, "")
                + "---\n" + CatalogImportTest.component(prefix + "-by-quiet", quiet, "");
        assertTrue(catalogImport.importYaml("system", "owner-test.yaml", yaml).imported());

        CommandReply guest = showOwner.execute(invocation("owner", Map.of("service", prefix + "-by-guest"), Map.of(), "UALICE"));
        assertEquals("Owner of " + prefix + "-by-guest: user:guest", guest.text());
        assertTrue(JSON.writeValueAsString(guest.blocks()).contains("is owned by `user:guest`, which is not a team in the catalog"),
                JSON.writeValueAsString(guest.blocks()));
        CommandReply ghosts = showOwner.execute(invocation("owner", Map.of("service", prefix + "-by-ghosts"), Map.of(), "UALICE"));
        assertTrue(JSON.writeValueAsString(ghosts.blocks()).contains("`group:ghosts-" + prefix + "`, which is not a team in the catalog"),
                JSON.writeValueAsString(ghosts.blocks()));

        String quietBlocks = JSON.writeValueAsString(showOwner.execute(
                invocation("owner", Map.of("service", prefix + "-by-quiet"), Map.of(), "UALICE")).blocks());
        assertTrue(quietBlocks.contains("*On-call:* _none set_\\n*Who to ask:* —"), quietBlocks);
        assertTrue(quietBlocks.contains("No on-call is set: ask in <#CQUIET0001>"), quietBlocks);

        CommandReply missing = showOwner.execute(invocation("owner", Map.of("service", prefix + "-nope"), Map.of(), "UALICE"));
        assertTrue(missing.text().startsWith("No service named `" + prefix + "-nope`"), missing.text());
    }

    @Test
    void editIsRefusedToOutsidersAndOpensForMembersByEmailAndForAdmins() throws Exception {
        CommandReply refused = editService.execute(invocation("service edit", Map.of("name", prefix + "-svc-2"), Map.of(), "UALICE"));
        assertTrue(refused.text().contains("Only members of `" + team + "` (the owning team) or platform admins (members of `platform`)"),
                refused.text());
        verify(gateway, never()).openView(anyString(), any());

        String erin = "UERIN" + prefix.toUpperCase();
        when(gateway.userInfo(erin)).thenReturn(Optional.of(user("erin@" + prefix + ".example")));
        when(gateway.openView(anyString(), any())).thenReturn("V1");
        assertEquals(CommandReply.Visibility.NONE,
                editService.execute(invocation("service edit", Map.of("name", prefix + "-svc-2"), Map.of(), erin)).visibility());
        ArgumentCaptor<View> view = ArgumentCaptor.forClass(View.class);
        verify(gateway).openView(eq("trigger-" + erin), view.capture());
        assertEquals("catalog.edit", view.getValue().getCallbackId());
        assertEquals("{\"service\":\"" + prefix + "-svc-2\",\"channel\":\"CPAYMENTS\"}", view.getValue().getPrivateMetadata());

        when(gateway.userInfo("UCAROL")).thenReturn(Optional.of(user("carol@example.com")));
        assertEquals(CommandReply.Visibility.NONE,
                editService.execute(invocation("service edit", Map.of("name", prefix + "-svc-2"), Map.of(), "UCAROL")).visibility());
    }

    @Test
    void editSubmissionRechecksAuthorizationSavesDetailsAtOnceAndAsksApprovalForTheRest() {
        String name = prefix + "-svc-3";
        String metadata = "{\"service\":\"" + name + "\",\"channel\":\"CPAYMENTS\"}";
        String environments = "production cluster=eks-eu-1 namespace=ns3 region=eu-west-1 replicas=2-6 cpu=500m memory=512Mi";
        Map<String, String> unchanged = Map.of(ServiceForm.OWNER, team, ServiceForm.TIER, "3", ServiceForm.LIFECYCLE, "production",
                ServiceForm.ENVIRONMENTS, environments);
        Map<String, String> refused = interactions.edit("UALICE", state(unchanged), metadata).errors();
        assertTrue(refused.get(ServiceForm.OWNER).startsWith("Only members of " + team), refused.toString());

        Map<String, String> errors = interactions.edit("UDANA", state(Map.of(ServiceForm.OWNER, team,
                ServiceForm.LIFECYCLE, "production", ServiceForm.ENVIRONMENTS, "production replicas=3-1")), metadata).errors();
        assertEquals(Map.of(ServiceForm.ENVIRONMENTS, "Line 1: replicas 3-1 has the larger number first"), errors);

        Map<String, String> described = new HashMap<>(unchanged);
        described.put(ServiceForm.DESCRIPTION, "Now with a description");
        described.put(ServiceForm.ENVIRONMENTS, environments.replace("replicas=2-6", "replicas=2-8"));
        CatalogInteractions.Submitted saved = interactions.edit("UDANA", state(described), metadata);
        assertEquals(Map.of(), saved.errors());
        saved.confirmation().orElseThrow().run();
        verify(gateway).postEphemeral(eq("CPAYMENTS"), eq("UDANA"),
                Mockito.contains("Saved the description, environment sizing of `" + name + "`"), isNull());
        Service now = QuarkusTransaction.requiringNew().call(() -> catalog.service(name).orElseThrow());
        assertEquals("Now with a description", now.description);
        assertEquals(8, now.environments.get(0).replicasMax, "sizing alone needs nobody's approval");

        Map<String, String> protectedChange = new HashMap<>(described);
        protectedChange.put(ServiceForm.TIER, "4");
        protectedChange.put(ServiceForm.ENVIRONMENTS, described.get(ServiceForm.ENVIRONMENTS).replace("ns3", "ns1"));
        CatalogInteractions.Submitted asked = interactions.edit("UDANA", state(protectedChange), metadata);
        assertEquals(Map.of(), asked.errors());
        asked.confirmation().orElseThrow().run();
        verify(gateway).postEphemeral(eq("CPAYMENTS"), eq("UDANA"),
                Mockito.contains("*Tier, lifecycle and environments:* :hourglass_flowing_sand: Request #"), isNull());
        Service unchangedYet = QuarkusTransaction.requiringNew().call(() -> catalog.service(name).orElseThrow());
        assertEquals(3, unchangedYet.tier, "the tier waits for the approvers");
        assertEquals("ns3", unchangedYet.environments.get(0).namespace, "so does the namespace");
    }

    @Test
    void registerOpensTheModalAndTheSubmissionIsValidatedThenSaved() throws Exception {
        when(gateway.openView(anyString(), any())).thenReturn("V2");
        assertEquals(CommandReply.Visibility.NONE, registerService.execute(invocation("register", Map.of(), Map.of(), "UBOB")).visibility());
        ArgumentCaptor<View> view = ArgumentCaptor.forClass(View.class);
        verify(gateway).openView(eq("trigger-UBOB"), view.capture());
        assertEquals("catalog.register", view.getValue().getCallbackId());

        Map<String, String> taken = interactions.register("UDANA", state(Map.of(ServiceForm.NAME, prefix + "-svc-1",
                ServiceForm.OWNER, team, ServiceForm.LIFECYCLE, "production")), "{\"channel\":\"CPAYMENTS\"}").errors();
        assertTrue(taken.get(ServiceForm.NAME).startsWith("A service named " + prefix + "-svc-1 already exists"));

        String name = prefix + "-new";
        Map<String, String> form = Map.of(ServiceForm.NAME, name, ServiceForm.OWNER, team,
                ServiceForm.LIFECYCLE, "experimental", ServiceForm.REPO, "https://github.com/example/" + name);
        Map<String, String> notTheirTeam = interactions.register("UBOB", state(form), "{\"channel\":\"CPAYMENTS\"}").errors();
        assertTrue(notTheirTeam.get(ServiceForm.OWNER).startsWith("You are not a member of " + team), notTheirTeam.toString());
        assertTrue(catalog.service(name).isEmpty(), "bob cannot register a service for a team he is not in");

        CatalogInteractions.Submitted registered = interactions.register("UDANA", state(form), "{\"channel\":\"CPAYMENTS\"}");
        assertEquals(Map.of(), registered.errors());
        registered.confirmation().orElseThrow().run();
        Service saved = catalog.service(name).orElseThrow();
        assertEquals("chat", saved.sourceRef);
        assertEquals(team, saved.ownerTeam);
        verify(gateway).postEphemeral(eq("CPAYMENTS"), eq("UDANA"), Mockito.contains("Registered `" + name + "`"), isNull());
    }

    @Test
    void catalogImportIsForPlatformAdminsOnly() throws Exception {
        String name = prefix + "-pasted";
        String yaml = "```\n" + CatalogImportTest.component(name, team, "") + "```";
        CommandReply refused = importCatalog.execute(invocation("catalog import", Map.of("yaml", yaml), Map.of(), "UALICE"));
        assertTrue(refused.text().contains("Only platform admins (members of `platform`)"), refused.text());
        assertTrue(catalog.service(name).isEmpty());

        when(gateway.userInfo("UCAROL")).thenReturn(Optional.of(user("carol@example.com")));
        CommandReply imported = importCatalog.execute(invocation("catalog import", Map.of("yaml", yaml), Map.of(), "UCAROL"));
        assertTrue(imported.text().startsWith(":white_check_mark: Imported. Created: 1 Component."), imported.text());
        assertTrue(catalog.service(name).isPresent());

        CommandReply invalid = importCatalog.execute(invocation("catalog import",
                Map.of("yaml", CatalogImportTest.component("Bad Name", team, "")), Map.of(), "UCAROL"));
        assertTrue(invalid.text().contains("YAML pasted by UCAROL, document 1: metadata.name \"Bad Name\""), invalid.text());
    }

    private static CommandInvocation invocation(String command, Map<String, String> arguments,
                                                Map<String, List<String>> options, String userId) {
        CommandSpec spec = new CommandSpec(command, List.of(), command, command, List.of(), List.of(), List.of(), false);
        Caller caller = new Caller(userId, userId.toLowerCase(), "T0SANDBOX", "CPAYMENTS", "payments",
                "trigger-" + userId, "http://127.0.0.1:9/unused");
        return new CommandInvocation(spec, arguments, options, caller);
    }

    private static User user(String email) {
        User user = new User();
        User.Profile profile = new User.Profile();
        profile.setEmail(email);
        user.setProfile(profile);
        return user;
    }

    /** A submitted modal state: every field under action id {@code value}; selects carry a selected option. */
    private static ViewState state(Map<String, String> fields) {
        Map<String, Map<String, ViewState.Value>> values = new HashMap<>();
        fields.forEach((block, text) -> {
            ViewState.Value value = new ViewState.Value();
            if (List.of(ServiceForm.OWNER, ServiceForm.TIER, ServiceForm.LIFECYCLE).contains(block)) {
                ViewState.SelectedOption option = new ViewState.SelectedOption();
                option.setValue(text);
                value.setSelectedOption(option);
            } else {
                value.setValue(text);
            }
            values.put(block, Map.of(ServiceFormModal.VALUE, value));
        });
        ViewState state = new ViewState();
        state.setValues(values);
        return state;
    }
}
