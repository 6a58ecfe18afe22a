package dev.harbormaster.deployment.watch;

import dev.harbormaster.kubernetes.Workload;

/** Where the informers hand an external change. */
@FunctionalInterface
public interface ExternalChangeSink {

    Outcome report(Workload workload, ExternalChange change);

    enum Outcome { REPORTED, ALREADY_REPORTED }
}
