package dev.harbormaster.catalog;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

/** The register / edit modal: the same inputs, empty for {@code register}, prefilled for {@code service edit}. */
final class ServiceFormModal {

    static final String REGISTER_CALLBACK = "catalog.register";
    static final String EDIT_CALLBACK = "catalog.edit";
    /** Every input's action id; the block id says which field it is (see {@link ServiceForm}). */
    static final String VALUE = "value";
    /** Slack shows at most 100 options in a static select. */
    private static final int MAX_TEAMS = 100;

    private ServiceFormModal() {
    }

    static View register(List<String> teams, String channel) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(input(i -> i.blockId(ServiceForm.NAME).label(plainText("Name"))
                .hint(plainText("Lowercase letters, digits and '-', like payments-api. It cannot be changed later."))
                .element(plainTextInput(p -> p.actionId(VALUE).maxLength(63)))));
        blocks.addAll(fields(teams, null));
        return view(v -> v.type("modal").callbackId(REGISTER_CALLBACK).title(viewTitle(t -> t.type("plain_text").text("Register a service")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Register")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .privateMetadata(new ModalMetadata(null, channel).encode())
                .blocks(blocks));
    }

    static View edit(Service service, List<String> teams, String channel) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(context(c -> c.elements(List.of(markdownText("Editing *" + Mrkdwn.escape(service.name)
                + "*. Description and links are saved at once. A new owner, tier or lifecycle, or an environment "
                + "added, removed, renamed or moved, is asked of the approvers first. Tags, SLOs and dependencies "
                + "come from its descriptor and are kept.")))));
        blocks.addAll(fields(teams, service));
        blocks.add(input(i -> i.blockId(ServiceForm.REASON).label(plainText("Why")).optional(true)
                .hint(plainText("Shown to the approvers of an owner, tier, lifecycle or environment change; "
                        + "some policies require it."))
                .element(plainTextInput(p -> p.actionId(VALUE).maxLength(500)))));
        return view(v -> v.type("modal").callbackId(EDIT_CALLBACK).title(viewTitle(t -> t.type("plain_text").text("Edit service")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Save")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .privateMetadata(new ModalMetadata(service.name, channel).encode())
                .blocks(blocks));
    }

    private static List<LayoutBlock> fields(List<String> teams, Service service) {
        Optional<Service> current = Optional.ofNullable(service);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(input(i -> i.blockId(ServiceForm.DESCRIPTION).label(plainText("Description")).optional(true)
                .element(plainTextInput(p -> p.actionId(VALUE).maxLength(500)
                        .initialValue(current.map(s -> s.description).orElse(null))))));
        List<String> teamChoices = new ArrayList<>(teams.subList(0, Math.min(MAX_TEAMS, teams.size())));
        current.map(s -> s.ownerTeam).filter(t -> teams.contains(t) && !teamChoices.contains(t))
                .ifPresent(t -> teamChoices.set(teamChoices.size() - 1, t));
        blocks.add(input(i -> i.blockId(ServiceForm.OWNER).label(plainText("Owner team"))
                .element(select(teamChoices, current.map(s -> s.ownerTeam).orElse(null), "Choose a team"))));
        blocks.add(input(i -> i.blockId(ServiceForm.TIER).label(plainText("Tier")).optional(true)
                .hint(plainText("1 is the most critical: customer-facing, paged at night."))
                .element(select(List.of("1", "2", "3", "4"), current.map(s -> s.tier).map(String::valueOf).orElse(null),
                        "Choose a tier"))));
        List<String> lifecycles = new ArrayList<>(ServiceFormValidator.LIFECYCLES);
        current.map(s -> s.lifecycle).filter(l -> !lifecycles.contains(l)).ifPresent(lifecycles::add);
        blocks.add(input(i -> i.blockId(ServiceForm.LIFECYCLE).label(plainText("Lifecycle"))
                .element(select(lifecycles, current.map(s -> s.lifecycle).orElse("experimental"), "Choose a lifecycle"))));
        blocks.add(input(i -> i.blockId(ServiceForm.REPO).label(plainText("Repository URL")).optional(true)
                .element(plainTextInput(p -> p.actionId(VALUE).initialValue(current.map(s -> s.repoUrl).orElse(null))
                        .placeholder(plainText("https://github.com/example/payments-api"))))));
        blocks.add(input(i -> i.blockId(ServiceForm.RUNBOOK).label(plainText("Runbook URL")).optional(true)
                .element(plainTextInput(p -> p.actionId(VALUE).initialValue(current.map(s -> s.runbookUrl).orElse(null))))));
        blocks.add(input(i -> i.blockId(ServiceForm.ENVIRONMENTS).label(plainText("Environments")).optional(true)
                .hint(plainText("One per line: the name, then any of cluster= namespace= region= country= "
                        + "replicas=MIN-MAX cpu= memory=. Example: " + EnvironmentLines.EXAMPLE))
                .element(plainTextInput(p -> p.actionId(VALUE).multiline(true)
                        .initialValue(current.map(s -> EnvironmentLines.format(s.environments)).filter(t -> !t.isEmpty())
                                .orElse(null))
                        .placeholder(plainText(EnvironmentLines.EXAMPLE))))));
        return blocks;
    }

    private static BlockElement select(List<String> values, String initial, String placeholder) {
        List<OptionObject> options = values.stream().map(v -> option(plainText(v), v)).toList();
        OptionObject initialOption = options.stream().filter(o -> o.getValue().equals(initial)).findFirst().orElse(null);
        return staticSelect(s -> s.actionId(VALUE).placeholder(plainText(placeholder)).options(options)
                .initialOption(initialOption));
    }
}
