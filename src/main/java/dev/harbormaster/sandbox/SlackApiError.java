package dev.harbormaster.sandbox;

/** A Web API call Slack would refuse: answered as HTTP 200 {@code {"ok":false,"error":<error>}}. */
class SlackApiError extends RuntimeException {

    final String error;

    SlackApiError(String error) {
        super(error, null, false, false);
        this.error = error;
    }
}
