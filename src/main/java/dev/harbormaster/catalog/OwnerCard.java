package dev.harbormaster.catalog;

import java.util.List;
import java.util.Optional;

/**
 * What {@code owner} shows about a service: its owner reference as written, its tier, and the owning team's contacts
 * when the reference names a team the catalog has.
 */
public record OwnerCard(String service, String owner, Integer tier, Optional<Contacts> team) {

    /** How to reach a team. */
    public record Contacts(String name, String displayName, String slackChannel, String onCall, List<String> members) {
    }
}
