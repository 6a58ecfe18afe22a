package dev.harbormaster.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** Where a service runs: one Kubernetes namespace on one cluster, with its sizing. */
@Entity
@Table(name = "catalog_environment")
public class Environment {

    @Id
    // ids 50 at a time (V28), so that imports insert in JDBC batches
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "catalog_environment_id")
    @SequenceGenerator(name = "catalog_environment_id", sequenceName = "catalog_environment_id_seq", allocationSize = 50)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "service_id")
    public Service service;

    public int position;
    public String name;
    public String cluster;
    public String namespace;
    public String region;
    public String country;
    @Column(name = "replicas_min")
    public Integer replicasMin;
    @Column(name = "replicas_max")
    public Integer replicasMax;
    public String cpu;
    public String memory;

    public EnvironmentSpec spec() {
        return new EnvironmentSpec(name, cluster, namespace, region, country, replicasMin, replicasMax, cpu, memory);
    }

    void copyFrom(EnvironmentSpec spec) {
        name = spec.name();
        cluster = spec.cluster();
        namespace = spec.namespace();
        region = spec.region();
        country = spec.country();
        replicasMin = spec.replicasMin();
        replicasMax = spec.replicasMax();
        cpu = spec.cpu();
        memory = spec.memory();
    }
}
