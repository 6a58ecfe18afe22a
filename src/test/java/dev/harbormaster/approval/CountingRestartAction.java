package dev.harbormaster.approval;

import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.Service;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A gated action for tests: "restarts" a catalog service in production and counts how often it ran, per service. */
@ApplicationScoped
public class CountingRestartAction implements ApprovalAction {

    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

    @Inject
    Catalog catalog;

    @Override
    public String name() {
        return "test restart";
    }

    @Override
    public ActionTarget target(Map<String, String> parameters) {
        Service service = catalog.service(parameters.get("service"))
                .orElseThrow(() -> new ActionRefusedException("No service named `" + parameters.get("service") + "`."));
        return new ActionTarget(service.name, service.ownerTeam, "production", service.tier);
    }

    @Override
    public String describe(Map<String, String> parameters) {
        return "Restart `" + parameters.get("service") + "` in production";
    }

    @Override
    public Optional<String> precheck(Map<String, String> parameters) {
        return Optional.empty();
    }

    @Override
    public String execute(Map<String, String> parameters, String requesterId) {
        int count = runs.computeIfAbsent(parameters.get("service"), s -> new AtomicInteger()).incrementAndGet();
        return "restarted `" + parameters.get("service") + "` (run " + count + ")";
    }

    public int runs(String service) {
        return runs.getOrDefault(service, new AtomicInteger()).get();
    }
}
