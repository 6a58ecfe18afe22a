package dev.harbormaster.addon.broker;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class ServiceBindingRepository implements PanacheRepositoryBase<ServiceBinding, String> {

    public List<ServiceBinding> ofInstance(String instanceId) {
        return list("instanceId", instanceId);
    }
}
