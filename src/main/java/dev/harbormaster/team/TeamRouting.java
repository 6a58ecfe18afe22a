package dev.harbormaster.team;

import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.Team;
import dev.harbormaster.notify.OutboundMessage;
import dev.harbormaster.notify.SlackDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place that decides where a team's message goes: the team's channel from the catalog, falling back to the
 * platform channel (when the team has none, when the message concerns no known team or service, and, through the
 * outbox, when the team's channel cannot take it); and whom to mention: the on-call and the members. Every feature
 * that tells a team something asks here.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class TeamRouting {

    private static final Pattern USER_ID = Pattern.compile("^[UW][A-Z0-9]{2,}$");

    @Inject
    Catalog catalog;
    @Inject
    TeamSettings settings;

    /** The route of a catalog team; a team the catalog does not know is routed to the platform. */
    public TeamRoute forTeam(String teamName) {
        Optional<Team> team = teamName == null ? Optional.empty() : catalog.team(teamName);
        return team.map(this::route).orElseGet(this::platform);
    }

    /** The route of the team owning a service; a service without a known owning team goes to the platform. */
    public TeamRoute forService(String serviceName) {
        return catalog.service(serviceName == null ? "" : serviceName).map(service -> forTeam(service.ownerTeam))
                .orElseGet(this::platform);
    }

    /** Messages that belong to no team. */
    public TeamRoute platform() {
        return new TeamRoute(Optional.empty(), settings.platformChannel(), Optional.empty(), Optional.empty(), List.of());
    }

    /** A new message to the route's channel, which the outbox posts in the fallback channel if the first cannot take it. */
    public OutboundMessage post(TeamRoute route, String text, String blocksJson) {
        OutboundMessage message = OutboundMessage.post(route.channel(), text, blocksJson);
        return route.fallback().map(fallback -> message.orElseIn(new OutboundMessage.Fallback(fallback, null, null)))
                .orElse(message);
    }

    /**
     * A new message to a channel chosen earlier (a team's, or where a request was made), with the platform channel as
     * its fallback; a direct message to a person never falls back, since it is theirs alone.
     */
    public OutboundMessage post(String channel, String text, String blocksJson) {
        OutboundMessage message = OutboundMessage.post(channel, text, blocksJson);
        boolean person = USER_ID.matcher(channel).matches();
        return person || channel.equals(settings.platformChannel()) ? message
                : message.orElseIn(new OutboundMessage.Fallback(settings.platformChannel(), null, null));
    }

    /** The team's own channel in the catalog, when it has one. */
    public Optional<String> teamChannel(String teamName) {
        return Optional.ofNullable(teamName).flatMap(catalog::team).map(team -> team.slackChannel)
                .filter(channel -> channel != null && !channel.isBlank());
    }

    /** A catalog member or on-call (a Slack id, an email or a rota's name) as mrkdwn that notifies them when it can. */
    public static String mention(String person) {
        if (person == null || person.isBlank()) {
            return "—";
        }
        String trimmed = person.trim();
        if (USER_ID.matcher(trimmed).matches()) {
            return "<@" + trimmed + ">";
        }
        return trimmed.contains("@") ? SlackDirectory.mentionByEmail(trimmed)
                : dev.harbormaster.command.Mrkdwn.escape(trimmed);
    }

    private TeamRoute route(Team team) {
        String channel = team.slackChannel != null && !team.slackChannel.isBlank() ? team.slackChannel : settings.platformChannel();
        Optional<String> fallback = channel.equals(settings.platformChannel()) ? Optional.empty()
                : Optional.of(settings.platformChannel());
        Optional<String> onCall = Optional.ofNullable(team.onCall).filter(o -> !o.isBlank()).map(TeamRouting::mention);
        return new TeamRoute(Optional.of(team.name), channel, fallback, onCall,
                team.members.stream().map(TeamRouting::mention).toList());
    }
}
