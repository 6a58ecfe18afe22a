package dev.harbormaster.kubernetes;

/**
 * Where one environment of a catalog service runs: a Deployment in a namespace on a named cluster.
 *
 * @param simulated true when the cluster is the bot's simulated one (sandbox, tests); answers say so
 */
public record Workload(String service, String environment, String cluster, String namespace,
                       String deploymentName, boolean simulated) {

    /** "payments/payments-api on eks-eu-1" — for messages. */
    public String describe() {
        return namespace + "/" + deploymentName + " on " + cluster + (simulated ? " (simulated cluster)" : "");
    }
}
