package dev.harbormaster.approval;

/** An action cannot be requested or run as asked; the message says why and is shown to the user (mrkdwn). */
public class ActionRefusedException extends RuntimeException {

    public ActionRefusedException(String userMessage) {
        super(userMessage);
    }
}
