package dev.harbormaster.addon.broker;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A login role granted on an instance's database. Its password is never stored. */
@Entity
@Table(name = "osb_service_binding")
public class ServiceBinding {

    @Id
    @Column(name = "binding_id")
    public String bindingId;

    @Column(name = "instance_id")
    public String instanceId;

    public String parameters;

    @Column(name = "role_name")
    public String roleName;

    @Column(name = "created_at")
    public Instant createdAt;
}
