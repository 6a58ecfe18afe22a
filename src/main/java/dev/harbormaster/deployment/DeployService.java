package dev.harbormaster.deployment;

import dev.harbormaster.approval.ActionRefusedException;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code deploy}: runs another version (image tag) of a service; the repository comes from the catalog. */
@ApplicationScoped
public class DeployService extends WorkloadAction {

    public static final String NAME = "deploy";
    static final String COMMIT_TIME = "commit-time";

    @Inject
    DeploymentSettings settings;
    @Inject
    SlackConnection connection;

    public DeployService() {
        super(NAME);
    }

    @Override
    public String describe(Map<String, String> parameters) {
        return "Deploy " + Text.code(parameters.get(DeploymentActionSupport.SERVICE)) + " "
                + Text.code(parameters.get("version")) + " to " + Text.code(parameters.get(DeploymentActionSupport.ENV));
    }

    @Override
    public String execute(Map<String, String> parameters, String requesterId) {
        return changes.deploy(resolve(parameters), parameters.get("version"), requesterId, commitTime(parameters));
    }

    @Override
    DeploymentTarget resolve(Map<String, String> parameters) {
        String service = parameters.get(DeploymentActionSupport.SERVICE);
        String version = parameters.get("version");
        DeploymentTarget target = targets.target(service, parameters.get(DeploymentActionSupport.ENV),
                "deploy " + service + " " + version);
        if (version == null || !Pattern.matches(settings.tagPattern(), version)) {
            throw new ActionRefusedException(Text.code(version == null ? "" : version) + " is not a version I can deploy: "
                    + "an image tag is up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'. "
                    + "For example `" + connection.slashCommand() + " deploy " + Mrkdwn.escape(service) + " 1.4.2 --env "
                    + Mrkdwn.escape(target.environment().name) + "`.");
        }
        commitTime(parameters);
        return target;
    }

    /** {@code --commit-time}: when the deployed commit was made, for the lead time of changes; not in the future. */
    static Instant commitTime(Map<String, String> parameters) {
        String text = parameters.get(COMMIT_TIME);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Instant time = OffsetDateTime.parse(text.trim()).toInstant();
            if (time.isAfter(Instant.now().plus(Duration.ofMinutes(5)))) {
                throw new ActionRefusedException("`--commit-time` " + Text.code(text) + " is in the future.");
            }
            return time;
        } catch (DateTimeParseException e) {
            throw new ActionRefusedException("`--commit-time` takes an ISO-8601 time with its offset, e.g. "
                    + "`2026-12-01T14:05:00Z` (git: `git show -s --format=%cI`); you wrote " + Text.code(text) + ".");
        }
    }
}
