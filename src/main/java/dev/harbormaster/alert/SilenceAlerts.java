package dev.harbormaster.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.harbormaster.approval.ActionRefusedException;
import dev.harbormaster.approval.ActionTarget;
import dev.harbormaster.approval.ApprovalAction;
import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.CatalogUser;
import dev.harbormaster.catalog.Environment;
import dev.harbormaster.catalog.Service;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.notify.SlackDirectory;
import dev.harbormaster.slack.SlackConnection;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code silence}: a real silence in Alertmanager (API v2), made from an alert message's Silence buttons (matchers:
 * the group's common labels) or typed as {@code silence <service> <duration>} (matchers: {@code service}, the
 * environment's {@code namespace}, and any {@code --matcher}). Both go through the approval engine as this one
 * action, so {@code approvals/alert-silences.yaml} gates a long silence of a critical tier-1 production alert
 * whichever way it was asked for, and the audit trail has every silence.
 */
@ApplicationScoped
public class SilenceAlerts implements ApprovalAction {

    public static final String NAME = "silence";
    static final String GROUP = "group";
    static final String SERVICE = "service";
    static final String ENV = "env";
    static final String DURATION = "duration";
    /** An end time (ISO-8601) instead of a duration: "until 09:00 tomorrow". */
    static final String UNTIL = "until";
    /** Extra matchers {@code name=value}, one a line. */
    static final String MATCHER = "matcher";
    static final String COMMENT = "comment";
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,99}");
    private static final int MAX_MATCHERS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SlackConnection connection;
    @Inject
    AlertRepository alerts;
    @Inject
    Catalog catalog;
    @Inject
    Alertmanagers alertmanagers;
    @Inject
    AlertmanagerClient client;
    @Inject
    AlertMessages messages;
    @Inject
    SlackDirectory directory;

    /** Everything a silence needs, worked out without changing anything. */
    record Plan(Long groupId, String service, String team, String environment, Integer tier, Set<String> environments,
                String severity, Duration length, Instant until, Map<String, String> matchers,
                Alertmanagers.Target alertmanager, String what) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ActionTarget target(Map<String, String> parameters) {
        Plan plan = plan(parameters, Instant.now());
        return new ActionTarget(plan.service(), plan.team(), plan.environment(), plan.tier(), plan.environments(),
                plan.severity(), plan.length());
    }

    @Override
    public String describe(Map<String, String> parameters) {
        try {
            Plan plan = plan(parameters, Instant.now());
            return "Silence " + plan.what() + " " + lengthText(parameters, plan);
        } catch (ActionRefusedException e) {
            return "Silence " + Mrkdwn.code(parameters.getOrDefault(SERVICE, parameters.getOrDefault(GROUP, "?")), 100);
        }
    }

    @Override
    public String execute(Map<String, String> parameters, String requesterId) {
        Instant now = Instant.now();
        Plan plan = QuarkusTransaction.requiringNew().call(() -> plan(parameters, now));
        String createdBy = person(requesterId);
        String comment = Optional.ofNullable(parameters.get(COMMENT)).filter(c -> !c.isBlank())
                .orElse("Silenced from Slack with Harbormaster") + " (by " + createdBy + ")";
        String id;
        try {
            id = client.createSilence(plan.alertmanager(), plan.matchers(), now, plan.until(), createdBy,
                    comment.length() > 1000 ? comment.substring(0, 1000) : comment);
        } catch (AlertmanagerUnavailableException e) {
            throw new ActionRefusedException(":warning: " + Mrkdwn.escape(e.getMessage()) + " No silence was made.");
        }
        if (plan.groupId() != null) {
            QuarkusTransaction.requiringNew().run(() -> alerts.lockGroup(plan.groupId()).ifPresent(group -> {
                group.silenceId = id;
                group.silencedBy = requesterId;
                group.silencedUntil = plan.until();
                group.updatedAt = Instant.now();
                messages.changed(group, AlertGroupMessage.silenced(group));
            }));
        }
        return "Silenced " + plan.what() + " until " + AlertGroupMessage.time(plan.until()) + ": silence "
                + Mrkdwn.code(id, 64) + " in Alertmanager " + Mrkdwn.code(plan.alertmanager().name(), 60)
                + ", matching " + matchersText(plan.matchers()) + ". Undo it with " + Mrkdwn.code(connection.slashCommand() + " unsilence " + id, 100) + ".";
    }

    Plan plan(Map<String, String> parameters, Instant now) {
        String groupId = parameters.get(GROUP);
        return groupId != null ? forGroup(groupId, parameters, now) : forService(parameters, now);
    }

    private Plan forGroup(String groupId, Map<String, String> parameters, Instant now) {
        AlertGroup group = (groupId.matches("\\d{1,18}") ? alerts.findByIdOptional(Long.parseLong(groupId)) : Optional.<AlertGroup>empty())
                .orElseThrow(() -> new ActionRefusedException("That alert group is not known any more."));
        Map<String, String> matchers = labels(group.commonLabels);
        if (matchers.isEmpty()) {
            throw new ActionRefusedException("The alerts of this group share no label, so no silence would cover just them. "
                    + "Use " + Mrkdwn.code(connection.slashCommand() + " silence <service> <duration> --matcher name=value") + ".");
        }
        Optional<Service> service = Optional.ofNullable(group.service).flatMap(catalog::service);
        Instant until = until(parameters, now);
        Set<String> environments = group.environment != null ? Set.of(group.environment) : allEnvironments(service);
        return new Plan(group.id, group.service, service.map(s -> s.ownerTeam).orElse(group.team), group.environment,
                service.map(s -> s.tier).orElse(null), environments, group.severity, Duration.between(now, until), until,
                matchers, alertmanager(group.alertmanager), Mrkdwn.code(AlertGroupMessage.name(group), 100)
                + (group.service == null ? "" : " on " + Mrkdwn.code(group.service, 100)));
    }

    private Plan forService(Map<String, String> parameters, Instant now) {
        String name = parameters.get(SERVICE);
        Service service = Optional.ofNullable(name).flatMap(catalog::service).orElseThrow(() -> new ActionRefusedException(
                "No service " + Mrkdwn.code(String.valueOf(name), 100) + " in the catalog."));
        Map<String, String> matchers = new LinkedHashMap<>();
        matchers.put("service", service.name);
        String env = parameters.get(ENV);
        Set<String> environments;
        if (env != null) {
            Environment environment = service.environments.stream().filter(e -> e.name.equals(env)).findFirst()
                    .orElseThrow(() -> new ActionRefusedException(Mrkdwn.code(service.name, 100) + " has no environment "
                            + Mrkdwn.code(env, 100) + "; it has " + service.environments.stream().map(e -> Mrkdwn.code(e.name, 60))
                            .collect(Collectors.joining(", ")) + "."));
            if (environment.namespace != null) {
                matchers.put("namespace", environment.namespace);
            }
            environments = Set.of(environment.name);
        } else {
            environments = allEnvironments(Optional.of(service));
        }
        String extra = parameters.get(MATCHER);
        if (extra != null) {
            for (String line : extra.split("\n")) {
                int equals = line.indexOf('=');
                String label = equals < 0 ? line : line.substring(0, equals).strip();
                if (equals < 0 || !LABEL_NAME.matcher(label).matches() || line.substring(equals + 1).isBlank()) {
                    throw new ActionRefusedException("Matcher " + Mrkdwn.code(line, 100)
                            + " is not `name=value` with a label name of letters, digits and `_`.");
                }
                matchers.put(label, line.substring(equals + 1).strip());
            }
        }
        if (matchers.size() > MAX_MATCHERS) {
            throw new ActionRefusedException("At most " + MAX_MATCHERS + " matchers, please.");
        }
        Instant until = until(parameters, now);
        return new Plan(null, service.name, service.ownerTeam, env, service.tier, environments, matchers.get("severity"),
                Duration.between(now, until), until, matchers, alertmanager(null),
                "alerts of " + Mrkdwn.code(service.name, 100) + (env == null ? "" : " in " + Mrkdwn.code(env, 100)));
    }

    private static Instant until(Map<String, String> parameters, Instant now) {
        String until = parameters.get(UNTIL);
        if (until != null) {
            try {
                Instant end = Instant.parse(until);
                if (!end.isAfter(now)) {
                    throw new ActionRefusedException("That silence would already be over (" + AlertGroupMessage.time(end) + ").");
                }
                return end;
            } catch (DateTimeParseException e) {
                throw new ActionRefusedException("The end time " + Mrkdwn.code(until, 60) + " is not a time.");
            }
        }
        String duration = parameters.get(DURATION);
        return SilenceLength.parse(duration).map(now::plus).orElseThrow(() -> new ActionRefusedException(
                Mrkdwn.code(String.valueOf(duration), 60) + " is not " + SilenceLength.expected() + "."));
    }

    private Alertmanagers.Target alertmanager(String sender) {
        return alertmanagers.forSilence(sender).orElseThrow(() -> new ActionRefusedException(alertmanagers.all().isEmpty()
                ? "No Alertmanager is configured to take silences: set `harbormaster.alerts.alertmanagers.<name>.url`."
                : "It is not known which Alertmanager to silence in (several are configured: "
                + alertmanagers.all().keySet().stream().map(n -> Mrkdwn.code(n, 60)).collect(Collectors.joining(", ")) + ")."));
    }

    private static Set<String> allEnvironments(Optional<Service> service) {
        return service.map(s -> s.environments.stream().map(e -> e.name).collect(Collectors.toCollection(TreeSet::new)))
                .map(Set::copyOf).orElse(Set.of());
    }

    private static Map<String, String> labels(String json) {
        try {
            return json == null ? Map.of() : new TreeMap<>(JSON.readValue(json, new TypeReference<Map<String, String>>() { }));
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    /** The person as Alertmanager shows who made a silence: catalog name and email, else what Slack knows. */
    private String person(String userId) {
        Optional<String> email = directory.email(userId).email();
        Optional<CatalogUser> user = QuarkusTransaction.requiringNew().call(() -> email.flatMap(catalog::personByEmail));
        String name = user.map(u -> u.displayName != null ? u.displayName : u.name).orElse(userId);
        return email.map(e -> name + " <" + e + ">").orElse(name + " (Slack " + userId + ")");
    }

    private static String lengthText(Map<String, String> parameters, Plan plan) {
        return parameters.containsKey(UNTIL) ? "until " + AlertGroupMessage.time(plan.until())
                : "for " + AlertGroupMessage.duration(plan.length());
    }

    static String matchersText(Map<String, String> matchers) {
        return matchers.entrySet().stream().map(e -> Mrkdwn.code(e.getKey() + "=" + e.getValue(), 120))
                .collect(Collectors.joining(", "));
    }
}
