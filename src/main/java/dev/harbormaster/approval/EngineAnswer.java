package dev.harbormaster.approval;

/**
 * The engine's answer to one person's vote, cancel or acknowledgement: whether it was taken, and what to
 * tell that person only (mrkdwn). The shared channel message is edited separately.
 */
public record EngineAnswer(boolean accepted, String message) {

    static EngineAnswer accepted(String message) {
        return new EngineAnswer(true, message);
    }

    static EngineAnswer refused(String message) {
        return new EngineAnswer(false, message);
    }
}
