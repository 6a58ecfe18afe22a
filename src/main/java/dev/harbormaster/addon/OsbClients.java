package dev.harbormaster.addon;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The one {@link OsbClient} of the process, with the configured timeouts. */
@ApplicationScoped
public class OsbClients {

    private final OsbClient client;

    @Inject
    public OsbClients(AddonSettings settings) {
        this.client = new OsbClient(settings.connectTimeout(), settings.requestTimeout());
    }

    public OsbClient client() {
        return client;
    }
}
