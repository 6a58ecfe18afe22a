package dev.harbormaster.deployment.watch;

/** One namespace on one cluster where catalog workloads run: one informer. */
public record WatchedNamespace(String cluster, String namespace) {

    @Override
    public String toString() {
        return cluster + "/" + namespace;
    }
}
