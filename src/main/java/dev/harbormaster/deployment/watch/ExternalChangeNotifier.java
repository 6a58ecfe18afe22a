package dev.harbormaster.deployment.watch;

import dev.harbormaster.kubernetes.Workload;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Optional;
import java.util.function.Supplier;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/**
 * Reports an external change once across replicas. A replica that lost the Lease without noticing yet may report
 * the same change as the new leader; whichever commits second meets V11's unique index, and its message is rolled
 * back with its record.
 */
@ApplicationScoped
public class ExternalChangeNotifier implements ExternalChangeSink {

    private static final Logger LOG = Logger.getLogger(ExternalChangeNotifier.class);
    private static final String UNIQUE_VIOLATION = "23505";

    private final ExternalChangeRecorder recorder;

    public ExternalChangeNotifier(ExternalChangeRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public Outcome report(Workload workload, ExternalChange change) {
        return once(workload, change.generation(), () -> recorder.record(workload, change));
    }

    @Override
    public Outcome reportIfMissed(Workload workload, Deployment current) {
        return once(workload, current.getMetadata().getGeneration(), () -> recorder.recordIfMissed(workload, current));
    }

    private Outcome once(Workload workload, Long generation, Supplier<Optional<Long>> recording) {
        try {
            return recording.get().isPresent() ? Outcome.REPORTED : Outcome.ALREADY_REPORTED;
        } catch (RuntimeException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            LOG.debugf("Generation %s of %s was reported by another replica at the same moment",
                    generation, workload.describe());
            return Outcome.ALREADY_REPORTED;
        }
    }

    private static boolean isUniqueViolation(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
