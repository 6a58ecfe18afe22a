package dev.harbormaster.alert;

import dev.harbormaster.command.CommandInvocation;
import dev.harbormaster.command.CommandReply;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.command.PlatformCommand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code silences [service]}: what Alertmanager holds silenced (active or pending), read from its API v2. */
@ApplicationScoped
public class ShowSilences implements PlatformCommand {

    private static final Set<String> CURRENT = Set.of("active", "pending");
    static final int LISTED = 40;

    @Inject
    Alertmanagers alertmanagers;
    @Inject
    AlertmanagerClient client;

    @Override
    public String name() {
        return "silences";
    }

    @Override
    public CommandReply execute(CommandInvocation invocation) {
        Optional<String> service = invocation.optionalArgument("service");
        List<Map.Entry<String, AlertmanagerClient.Silence>> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (alertmanagers.all().isEmpty()) {
            problems.add("No Alertmanager is configured: set harbormaster.alerts.alertmanagers.<name>.url.");
        }
        for (Alertmanagers.Target target : alertmanagers.all().values()) {
            try {
                client.silences(target).stream().filter(s -> CURRENT.contains(s.state()))
                        .filter(s -> service.isEmpty() || service.get().equals(s.matchers().get("service")))
                        .forEach(s -> found.add(new AbstractMap.SimpleEntry<>(target.name(), s)));
            } catch (AlertmanagerUnavailableException e) {
                problems.add(e.getMessage());
            }
        }
        String scope = service.map(s -> " for " + Mrkdwn.code(s, 100)).orElse("");
        return AlertListMessage.silences(scope, found.size() > LISTED ? found.subList(0, LISTED) : found, problems);
    }
}
