package dev.harbormaster.team;

import java.util.List;
import java.util.Optional;

/**
 * Where a team's messages go and whom they may call on, as {@link TeamRouting} decided it. Mentions of people the
 * catalog names by email become real mentions when the outbox delivers the message: put them in outbox messages.
 *
 * @param team       the catalog team, or empty when the message concerns no known team (it then goes to the platform)
 * @param channel    the team's channel, or the platform channel when the team has none
 * @param fallback   where the outbox posts when {@code channel} cannot take the message (the platform channel), or
 *                   empty when {@code channel} already is the platform channel
 * @param onCall     the on-call as mrkdwn ({@code <@U…>}, a mention the outbox resolves from an email, or the rota's
 *                   name as text), empty when the catalog names none
 * @param members    the team's members as mentions, in the same forms
 */
public record TeamRoute(Optional<String> team, String channel, Optional<String> fallback, Optional<String> onCall,
                        List<String> members) {

    public TeamRoute {
        members = List.copyOf(members);
    }
}
