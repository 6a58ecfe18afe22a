package dev.harbormaster.addon;

/**
 * What a broker's refusal means, in words for the person who asked. Raw text from the broker (its description) is
 * appended, cut short; message builders escape it.
 */
final class BrokerErrors {

    private static final int MAX_DESCRIPTION = 200;

    private BrokerErrors() {
    }

    static String explain(BrokerReply reply, String slashCommand) {
        String code = reply.error().orElse("");
        String why = switch (reply.status()) {
            case 400 -> "the broker refused the request as invalid (400 Bad Request)";
            case 401, 403 -> "the broker refused Harbormaster's credentials (HTTP " + reply.status()
                    + "); the platform team must check how the broker is registered";
            case 404 -> "the broker does not know this add-on (404 Not Found)";
            case 408 -> "the broker timed out (408)";
            case 409 -> "the broker already has an add-on with this id but different settings (409 Conflict)";
            case 410 -> "the broker no longer has it (410 Gone)";
            case 412 -> "the broker does not speak Open Service Broker API " + OsbClient.API_VERSION + " (412)";
            case 422 -> switch (code) {
                case "AsyncRequired" -> "the broker only works asynchronously (AsyncRequired), yet refused Harbormaster's "
                        + "asynchronous request; tell the broker's owners";
                case "ConcurrencyError" -> "the broker is still busy with another change to this add-on (ConcurrencyError); "
                        + "wait until it is done and try again";
                case "MaintenanceInfoConflict" -> "the plan was updated at the broker since Harbormaster last read it "
                        + "(MaintenanceInfoConflict); run `" + slashCommand + " addons refresh` and ask again";
                case "RequiresApp" -> "this plan must be bound to an app (RequiresApp), which Harbormaster does not do";
                default -> "the broker cannot do this (422 Unprocessable Entity)";
            };
            default -> reply.status() >= 500 ? "the broker failed (HTTP " + reply.status() + ")"
                    : "the broker answered HTTP " + reply.status() + ", which the spec does not allow here";
        };
        return reply.description().map(d -> why + ": " + shorten(d)).orElse(why);
    }

    static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() > MAX_DESCRIPTION ? oneLine.substring(0, MAX_DESCRIPTION) + "…" : oneLine;
    }
}
