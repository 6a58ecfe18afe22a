package dev.harbormaster.addon.broker;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A PostgreSQL database the broker provisioned (or is provisioning, or dropping), with its last operation. */
@Entity
@Table(name = "osb_service_instance")
public class ServiceInstance {

    public static final String PROVISION = "provision";
    public static final String DEPROVISION = "deprovision";
    public static final String IN_PROGRESS = "in progress";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    @Id
    @Column(name = "instance_id")
    public String instanceId;

    @Column(name = "service_id")
    public String serviceId;

    @Column(name = "plan_id")
    public String planId;

    public String parameters;

    @Column(name = "database_name")
    public String databaseName;

    @Column(name = "owner_role")
    public String ownerRole;

    @Column(name = "connection_limit")
    public int connectionLimit;

    public String operation;

    @Column(name = "operation_id")
    public String operationId;

    public String state;

    public String description;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    boolean provisioned() {
        return PROVISION.equals(operation) && SUCCEEDED.equals(state);
    }

    boolean provisioning() {
        return PROVISION.equals(operation) && IN_PROGRESS.equals(state);
    }

    boolean deprovisioning() {
        return DEPROVISION.equals(operation) && IN_PROGRESS.equals(state);
    }
}
