package dev.harbormaster.alert;

/** Alertmanager could not be asked, or refused; the message says so for people (it carries no secret). */
public class AlertmanagerUnavailableException extends RuntimeException {

    public AlertmanagerUnavailableException(String message) {
        super(message, null, false, false);
    }
}
