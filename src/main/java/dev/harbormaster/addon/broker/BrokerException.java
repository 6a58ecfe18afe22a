package dev.harbormaster.addon.broker;

/** A refusal with the status code and OSB error body the spec prescribes. */
public class BrokerException extends RuntimeException {

    private final int status;
    private final String error;

    public BrokerException(int status, String error, String description) {
        super(description);
        this.status = status;
        this.error = error;
    }

    public static BrokerException badRequest(String description) {
        return new BrokerException(400, null, description);
    }

    public static BrokerException conflict(String description) {
        return new BrokerException(409, null, description);
    }

    public static BrokerException gone(String description) {
        return new BrokerException(410, null, description);
    }

    public static BrokerException concurrency(String description) {
        return new BrokerException(422, "ConcurrencyError", description);
    }

    public static BrokerException internal(String errorId) {
        return new BrokerException(500, null, "The broker failed; quote error id " + errorId + " to the platform team");
    }

    public int status() {
        return status;
    }

    /** The machine-readable error code of the spec (AsyncRequired, ConcurrencyError…), or null when it has none. */
    public String error() {
        return error;
    }
}
