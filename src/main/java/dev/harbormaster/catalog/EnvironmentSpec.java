package dev.harbormaster.catalog;

/** An environment as declared in a descriptor or typed in the register modal, before it is stored. */
public record EnvironmentSpec(String name, String cluster, String namespace, String region, String country,
                              Integer replicasMin, Integer replicasMax, String cpu, String memory) {
}
