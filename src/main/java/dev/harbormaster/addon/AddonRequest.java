package dev.harbormaster.addon;

import dev.harbormaster.kubernetes.Workload;

import java.util.Map;

/** An add-on request that passed every check: what to ask which broker for, for which workload. */
public record AddonRequest(Offering offering, Plan plan, String name, Workload workload, String team, Integer tier,
                           Map<String, Object> parameters) {
}
