package dev.harbormaster.alert;

/** A webhook body that is not an Alertmanager notification; the message names what is wrong, for the 400 answer. */
public class InvalidNotificationException extends RuntimeException {

    public InvalidNotificationException(String message) {
        super(message, null, false, false);
    }
}
