package dev.harbormaster.addon;

/**
 * A broker did not answer: no connection, or no answer within the request timeout. {@link #timedOut()} tells the
 * two apart, since only a request that may have arrived calls for orphan mitigation.
 */
public class BrokerUnreachableException extends RuntimeException {

    private final boolean timedOut;

    public BrokerUnreachableException(String message, boolean timedOut, Throwable cause) {
        super(message, cause);
        this.timedOut = timedOut;
    }

    public boolean timedOut() {
        return timedOut;
    }
}
