package dev.harbormaster.slack;

import org.jboss.logging.Logger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a metric label to a bounded set of values. Prometheus keeps one time series per distinct value for as
 * long as the process lives, so a value that carries an id, or comes from outside (an error code a server
 * chose), must not reach a label unchecked. The first {@code limit} distinct values pass; any later one
 * becomes {@code other}, and the first time that happens is logged so the call site can be fixed.
 */
public final class BoundedTagValues {

    private static final Logger LOG = Logger.getLogger(BoundedTagValues.class);
    public static final String OTHER = "other";

    private final String label;
    private final int limit;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private volatile boolean overflowReported;

    public BoundedTagValues(String label, int limit) {
        this.label = label;
        this.limit = limit;
    }

    /** The value to put in the label: {@code value} itself while there is room, else {@code other}; null is {@code unknown}. */
    public String of(String value) {
        String candidate = value == null || value.isBlank() ? "unknown" : value;
        if (seen.contains(candidate)) {
            return candidate;
        }
        synchronized (seen) {
            if (seen.size() < limit) {
                seen.add(candidate);
                return candidate;
            }
        }
        if (!overflowReported) {
            overflowReported = true;
            LOG.warnf("More than %d distinct values for the metric label %s; \"%s\" and later ones are counted as \"%s\"",
                    limit, label, candidate, OTHER);
        }
        return OTHER;
    }
}
