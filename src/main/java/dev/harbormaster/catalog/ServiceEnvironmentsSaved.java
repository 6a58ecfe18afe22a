package dev.harbormaster.catalog;

import java.util.List;

/**
 * Fired synchronously inside the transaction that wrote these services' environments (import, register, edit), so
 * that whoever keeps facts about environments (where each one runs) writes them in the same transaction.
 */
public record ServiceEnvironmentsSaved(List<Service> services) {

    public ServiceEnvironmentsSaved {
        services = List.copyOf(services);
    }
}
