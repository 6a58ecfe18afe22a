package dev.harbormaster.approval;

import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The {@link ApprovalAction} beans by name; two claiming one name stop the start-up. */
@Startup
@ApplicationScoped
public class ApprovalActions {

    @Inject
    @Any
    Instance<ApprovalAction> beans;

    private final Map<String, ApprovalAction> byName = new TreeMap<>();

    @PostConstruct
    void collect() {
        Map<String, List<ApprovalAction>> grouped = beans.stream().collect(Collectors.groupingBy(ApprovalAction::name));
        List<String> collisions = grouped.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> "`" + e.getKey() + "` by " + e.getValue().stream().map(ApprovalActions::implementation).toList())
                .toList();
        if (!collisions.isEmpty()) {
            throw new IllegalStateException("Approval actions claimed twice: " + String.join("; ", collisions));
        }
        grouped.forEach((name, actions) -> byName.put(name, actions.get(0)));
    }

    /** What policies may name in {@code match.actions}. */
    public Set<String> names() {
        return Set.copyOf(byName.keySet());
    }

    public Optional<ApprovalAction> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    private static String implementation(ApprovalAction action) {
        return ClientProxy.unwrap(action).getClass().getName().replaceFirst("_Subclass$", "");
    }
}
