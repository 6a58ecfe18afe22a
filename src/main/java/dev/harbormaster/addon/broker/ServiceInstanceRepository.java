package dev.harbormaster.addon.broker;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ServiceInstanceRepository implements PanacheRepositoryBase<ServiceInstance, String> {
}
