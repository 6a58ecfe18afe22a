package dev.harbormaster.deployment.watch;

import dev.harbormaster.kubernetes.Workload;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** Where the informers hand an external change. */
public interface ExternalChangeSink {

    Outcome report(Workload workload, ExternalChange change);

    /**
     * A Deployment as an informer first lists it after this replica started leading: reported when its image is not
     * the one last recorded, i.e. it changed while no replica watched.
     */
    Outcome reportIfMissed(Workload workload, Deployment current);

    enum Outcome { REPORTED, ALREADY_REPORTED }
}
