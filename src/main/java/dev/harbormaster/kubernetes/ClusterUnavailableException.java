package dev.harbormaster.kubernetes;

/** A cluster the catalog names is not configured, or its client cannot be built. The message is for users. */
public class ClusterUnavailableException extends RuntimeException {

    public ClusterUnavailableException(String message) {
        super(message);
    }
}
