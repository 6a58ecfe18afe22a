package dev.harbormaster.catalog;

import java.util.Optional;

/** Who is asking: the Slack user id, and the email Slack reports for it when it could be looked up. */
public record CallerIdentity(String userId, Optional<String> email) {
}
