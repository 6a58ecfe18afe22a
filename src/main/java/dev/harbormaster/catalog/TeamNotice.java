package dev.harbormaster.catalog;

/**
 * Something a team should hear about one of its services (an edit by an outsider, a change of hands), fired
 * synchronously in the transaction of the change; the team feature decides where it goes and queues it there, so it
 * is sent if and only if the change commits.
 *
 * @param text mrkdwn, escaped
 */
public record TeamNotice(String team, String text) {
}
