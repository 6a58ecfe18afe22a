package dev.harbormaster.approval;

import java.util.Map;
import java.util.Optional;

/**
 * An action approvals may gate, as the engine knows it. Features implement it as CDI beans; the engine
 * never imports them. Parameters are plain strings so that a request can be stored, hashed and re-read
 * unchanged until it runs.
 */
public interface ApprovalAction {

    /** The command spec name, e.g. {@code service transfer}; policies match on it. */
    String name();

    /**
     * What the action touches, for policy matching.
     *
     * @throws ActionRefusedException when the target does not exist (or the parameters make no sense), with a
     *                                message the user can act on
     */
    ActionTarget target(Map<String, String> parameters);

    /** One line for humans, mrkdwn-escaped, e.g. "Transfer `payments-api` from `payments` to `platform`". */
    String describe(Map<String, String> parameters);

    /**
     * Re-checked just before running: empty when it can still run, else why not (for humans). By default the target
     * is resolved again, so whatever {@link #target} refuses is refused at run time too.
     */
    default Optional<String> precheck(Map<String, String> parameters) {
        try {
            target(parameters);
            return Optional.empty();
        } catch (ActionRefusedException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Does it. Runs outside any transaction (open your own). Returns a one-line outcome for humans.
     *
     * @throws ActionRefusedException when it cannot be done, with a message for humans
     */
    String execute(Map<String, String> parameters, String requesterId);

    /**
     * Whether running it twice does no more than running it once (setting an image, a replica count, an owner).
     * When the replica running an approved request dies mid-way, another runs a repeatable action again; any other
     * ends with its outcome unknown and {@link #whatToCheck} for the people involved.
     */
    default boolean repeatable() {
        return false;
    }

    /** What to look at to learn whether a run that was cut short took effect (mrkdwn). */
    default String whatToCheck(Map<String, String> parameters) {
        return "Check whether it took effect before asking for it again.";
    }
}
