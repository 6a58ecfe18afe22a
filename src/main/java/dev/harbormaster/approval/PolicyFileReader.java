package dev.harbormaster.approval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harbormaster.command.Suggestions;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one policy file and checks every field. Problems read like
 * {@code approvals/x.yaml line 7: field `require[0].count` ...} so that whoever edits a policy sees what
 * to fix without reading Java. Pure: no CDI.
 */
public final class PolicyFileReader {

    static final Set<String> FIELDS = Set.of("name", "match", "requesters", "require", "self_approval", "expires_after",
            "reason_required", "deny", "break_glass", "channel");
    static final Set<String> MATCH_FIELDS = Set.of("actions", "environments", "tiers", "teams", "severities", "longer_than");
    static final Set<String> REQUIRE_FIELDS = Set.of("count", "from");
    static final Set<String> DENY_FIELDS = Set.of("environments", "tiers", "teams", "message");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

    private final String source;
    private final LocatedYaml yaml;
    private final PolicyVocabulary vocabulary;
    private final List<String> problems = new ArrayList<>();
    private final List<ApprovalPolicy.TeamReference> teamReferences = new ArrayList<>();

    private PolicyFileReader(String source, LocatedYaml yaml, PolicyVocabulary vocabulary) {
        this.source = source;
        this.yaml = yaml;
        this.vocabulary = vocabulary;
    }

    /**
     * @param vocabulary the actions and environments a policy may name: anything else is a problem, since a
     *                   misspelt name would make the policy silently never apply
     * @throws InvalidPolicyException with every problem of the file
     */
    public static ApprovalPolicy read(String source, String text, PolicyVocabulary vocabulary) {
        LocatedYaml yaml;
        try {
            yaml = LocatedYaml.read(text);
        } catch (IOException e) {
            throw new InvalidPolicyException(List.of(source + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse("")));
        }
        return new PolicyFileReader(source, yaml, vocabulary).policy();
    }

    private ApprovalPolicy policy() {
        JsonNode root = yaml.root();
        if (!root.isObject()) {
            problem("", "the file must be a mapping with `name`, `match` and `require` (or `deny`); it is "
                    + (root.isMissingNode() ? "empty" : "a " + root.getNodeType().name().toLowerCase()));
            throw new InvalidPolicyException(problems);
        }
        yaml.duplicates().forEach(path -> problem(path, "is given twice"));
        unknownFields("", root, FIELDS);
        String name = text(root, "name", true);
        if (name != null && !NAME.matcher(name).matches()) {
            problem("name", "is `" + name + "`; use lowercase letters, digits and dashes, e.g. `ownership-changes`");
        }
        JsonNode match = root.path("match");
        Set<String> actions = Set.of();
        Set<String> environments = Set.of();
        Set<Integer> tiers = Set.of();
        Set<String> teams = Set.of();
        Set<String> severities = Set.of();
        Optional<Duration> longerThan = Optional.empty();
        if (!match.isObject()) {
            problem("match", match.isMissingNode() ? "is missing; say which actions it covers, e.g. `match: {actions: [service delete]}`"
                    : "must be a mapping with `actions` and optionally `environments`, `tiers`, `teams`");
        } else {
            unknownFields("match", match, MATCH_FIELDS);
            actions = known(strings(match, "match.actions", true), "match.actions", vocabulary.actions(),
                    "a gated action (a command whose spec says `action: true`)");
            environments = known(strings(match, "match.environments", false), "match.environments",
                    vocabulary.environments(), "an environment of the platform (HARBORMASTER_ENVIRONMENTS)");
            teams = teams(strings(match, "match.teams", false), "match.teams");
            tiers = tiers(match, "match.tiers");
            severities = known(strings(match, "match.severities", false), "match.severities", vocabulary.severities(),
                    "an alert severity policies know");
            longerThan = duration(match, "longer_than", "match.longer_than");
        }
        List<ApprovalPolicy.DenyRule> deny = denyRules(root);
        List<Requirement> require = requirements(root);
        Optional<List<ApproverSet>> requesters = requesters(root);
        if (!root.has("deny") && !root.has("require") && !root.has("requesters")) {
            problem("require", "is missing; say who must approve, e.g. `require: [{count: 1, from: owners}]`, "
                    + "refuse some targets with `deny: [{tiers: [1], message: \"<why>\"}]`, "
                    + "or say who may ask with `requesters: [owners, team:platform]`");
        }
        boolean selfApproval = bool(root, "self_approval");
        boolean reasonRequired = bool(root, "reason_required");
        boolean breakGlass = bool(root, "break_glass");
        Optional<Duration> expiresAfter = duration(root, "expires_after", "expires_after");
        Optional<String> channel = Optional.ofNullable(text(root, "channel", false));
        if (!problems.isEmpty()) {
            throw new InvalidPolicyException(problems);
        }
        return new ApprovalPolicy(name, source, actions, environments, tiers, teams, requesters, require, selfApproval,
                expiresAfter, reasonRequired, deny, breakGlass, channel, teamReferences, severities, longerThan);
    }

    private List<Requirement> requirements(JsonNode root) {
        JsonNode require = root.path("require");
        List<Requirement> requirements = new ArrayList<>();
        if (require.isMissingNode()) {
            return requirements;
        }
        if (!require.isArray() || require.isEmpty()) {
            problem("require", "must be a list of `{count, from}`, e.g. `[{count: 1, from: owners}]`");
            return requirements;
        }
        for (int i = 0; i < require.size(); i++) {
            String path = "require[" + i + "]";
            JsonNode entry = require.get(i);
            if (!entry.isObject()) {
                problem(path, "must be a mapping `{count, from}`");
                continue;
            }
            unknownFields(path, entry, REQUIRE_FIELDS);
            JsonNode count = entry.path("count");
            if (!count.isIntegralNumber() || count.asLong() < 1 || count.asLong() > 20) {
                problem(path + ".count", count.isMissingNode() ? "is missing; say how many approvals, e.g. `count: 1`"
                        : "must be a whole number from 1 to 20, not `" + count.asText() + "`");
            }
            ApproverSet from = approverSet(path + ".from", entry.path("from"), false);
            if (from != null && count.isIntegralNumber()) {
                requirements.add(new Requirement(count.asInt(), from));
            }
        }
        return requirements;
    }

    /**
     * {@code requesters}: who may ask for a covered action, as a list of the same sets {@code require} takes, plus
     * {@code anyone}. Omitted: the engine's default, the owning team and the platform admins.
     */
    private Optional<List<ApproverSet>> requesters(JsonNode root) {
        JsonNode requesters = root.path("requesters");
        if (requesters.isMissingNode()) {
            return Optional.empty();
        }
        if (!requesters.isArray() || requesters.isEmpty()) {
            problem("requesters", "must be a list, e.g. `[owners, team:platform]`, `[usergroup:sre]` or `[anyone]`");
            return Optional.empty();
        }
        List<ApproverSet> sets = new ArrayList<>();
        for (int i = 0; i < requesters.size(); i++) {
            ApproverSet set = approverSet("requesters[" + i + "]", requesters.get(i), true);
            if (set != null) {
                sets.add(set);
            }
        }
        return Optional.of(sets);
    }

    private ApproverSet approverSet(String path, JsonNode from, boolean anyoneAllowed) {
        if (from.isObject()) {
            unknownFields(path, from, Set.of("users"));
            JsonNode users = from.path("users");
            List<String> ids = new ArrayList<>();
            if (users.isArray()) {
                users.forEach(u -> {
                    if (u.isTextual() && !u.asText().isBlank()) {
                        ids.add(u.asText().trim());
                    }
                });
            }
            if (ids.isEmpty() || ids.size() != users.size()) {
                problem(path + ".users", "must list Slack user ids or emails, e.g. `users: [U024BE7LH, ann@example.com]`");
                return null;
            }
            return new ApproverSet.Users(ids);
        }
        String text = from.isTextual() ? from.asText().trim() : "";
        if (text.equals("owners")) {
            return new ApproverSet.Owners();
        }
        if (text.equals("anyone")) {
            if (anyoneAllowed) {
                return new ApproverSet.Anyone();
            }
            problem(path, "is `anyone`, which only `requesters` may say: approvers must be named people or teams");
            return null;
        }
        if (text.startsWith("team:") && text.length() > "team:".length()) {
            String team = text.substring("team:".length()).trim();
            teamReferences.add(new ApprovalPolicy.TeamReference(team, path, yaml.line(path)));
            return new ApproverSet.CatalogTeam(team);
        }
        if (text.startsWith("usergroup:") && text.length() > "usergroup:".length()) {
            return new ApproverSet.Usergroup(text.substring("usergroup:".length()).trim().replaceFirst("^@", ""));
        }
        problem(path, (from.isMissingNode() ? "is missing" : "is `" + from.asText() + "`")
                + "; use `owners`, `team:<name>`, `usergroup:<handle or id>`" + (anyoneAllowed ? ", `anyone`" : "")
                + " or `{users: [<Slack id or email>, ...]}`");
        return null;
    }

    private List<ApprovalPolicy.DenyRule> denyRules(JsonNode root) {
        JsonNode deny = root.path("deny");
        List<ApprovalPolicy.DenyRule> rules = new ArrayList<>();
        if (deny.isMissingNode()) {
            return rules;
        }
        if (!deny.isArray() || deny.isEmpty()) {
            problem("deny", "must be a list of rules, e.g. `[{tiers: [1], message: \"Tier-1 services are not deleted from chat\"}]`");
            return rules;
        }
        for (int i = 0; i < deny.size(); i++) {
            String path = "deny[" + i + "]";
            JsonNode rule = deny.get(i);
            if (!rule.isObject()) {
                problem(path, "must be a mapping with `message` and optionally `environments`, `tiers`, `teams`");
                continue;
            }
            unknownFields(path, rule, DENY_FIELDS);
            JsonNode message = rule.path("message");
            if (!message.isTextual() || message.asText().isBlank()) {
                problem(path + ".message", "is missing; say why it is refused and what to do instead");
                continue;
            }
            rules.add(new ApprovalPolicy.DenyRule(
                    known(strings(rule, path + ".environments", false), path + ".environments", vocabulary.environments(),
                            "an environment of the platform (HARBORMASTER_ENVIRONMENTS)"),
                    tiers(rule, path + ".tiers"), teams(strings(rule, path + ".teams", false), path + ".teams"),
                    message.asText().strip()));
        }
        return rules;
    }

    private Set<Integer> tiers(JsonNode parent, String path) {
        JsonNode tiers = parent.path("tiers");
        Set<Integer> result = new LinkedHashSet<>();
        if (tiers.isMissingNode()) {
            return result;
        }
        if (!tiers.isArray()) {
            problem(path, "must be a list of tiers from 1 to 4, e.g. `[1, 2]`");
            return result;
        }
        for (int i = 0; i < tiers.size(); i++) {
            JsonNode tier = tiers.get(i);
            if (!tier.isIntegralNumber() || tier.asInt() < 1 || tier.asInt() > 4) {
                problem(path + "[" + i + "]", "must be a tier from 1 to 4, not `" + tier.asText() + "`");
            } else {
                result.add(tier.asInt());
            }
        }
        return result;
    }

    private Set<String> strings(JsonNode parent, String path, boolean required) {
        String field = path.substring(path.lastIndexOf('.') + 1);
        JsonNode list = parent.path(field);
        Set<String> result = new LinkedHashSet<>();
        if (list.isMissingNode()) {
            if (required) {
                problem(path, "is missing; list the command names it covers, e.g. `[service delete]`");
            }
            return result;
        }
        if (!list.isArray() || (required && list.isEmpty())) {
            problem(path, "must be a list of words, e.g. `[" + (field.equals("actions") ? "service delete" : "production") + "]`");
            return result;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                problem(path + "[" + i + "]", "must be a word, not `" + item.asText() + "`");
            } else {
                result.add(item.asText().trim());
            }
        }
        return result;
    }

    /** Keeps the words that are known; each other one is a problem at its own line, with a did-you-mean. */
    private Set<String> known(Set<String> words, String path, Set<String> vocabulary, String what) {
        Set<String> kept = new LinkedHashSet<>();
        int index = 0;
        for (String word : words) {
            if (vocabulary.contains(word)) {
                kept.add(word);
            } else {
                String hint = Suggestions.didYouMean(word, vocabulary);
                problem(path + "[" + index + "]", "is `" + word + "`, which is not " + what + ", so the policy would "
                        + "never apply." + (hint.isEmpty() ? "" : " " + hint) + " Known: "
                        + vocabulary.stream().sorted().toList());
            }
            index++;
        }
        return kept;
    }

    /** Team names are checked against the catalog once it is loaded; here they are only remembered with their line. */
    private Set<String> teams(Set<String> names, String path) {
        int index = 0;
        for (String name : names) {
            String item = path + "[" + index++ + "]";
            teamReferences.add(new ApprovalPolicy.TeamReference(name, item, yaml.line(item)));
        }
        return names;
    }

    private String text(JsonNode parent, String field, boolean required) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            if (required) {
                problem(field, "is missing");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            problem(field, "must be text");
            return null;
        }
        return node.asText().trim();
    }

    private boolean bool(JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode()) {
            return false;
        }
        if (!node.isBoolean()) {
            problem(field, "must be `true` or `false`, not `" + node.asText() + "`");
            return false;
        }
        return node.asBoolean();
    }

    private Optional<Duration> duration(JsonNode parent, String field, String path) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode()) {
            return Optional.empty();
        }
        Matcher m = DURATION.matcher(node.asText().trim());
        if (!node.isTextual() || !m.matches() || Long.parseLong(m.group(1)) == 0) {
            problem(path, "is `" + node.asText() + "`; write a number and a unit: `90s`, `30m`, `24h` or `7d`");
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        });
    }

    private void unknownFields(String path, JsonNode object, Set<String> known) {
        object.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                String hint = Suggestions.didYouMean(field, known);
                problem(path.isEmpty() ? field : path + "." + field, "is not a policy field."
                        + (hint.isEmpty() ? "" : " " + hint) + " Fields here: " + known.stream().sorted().toList());
            }
        });
    }

    private void problem(String path, String message) {
        String field = path.isEmpty() ? "" : " field `" + path + "`";
        problems.add(source + " line " + yaml.line(path) + ":" + field + " " + message);
    }
}
