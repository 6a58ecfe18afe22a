package dev.harbormaster.deployment.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.harbormaster.deploy.Kustomize;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What {@code kubectl apply -k deploy/kubernetes} lets the bot's ServiceAccount do: exactly what issue 6 lists, in
 * the scope the comments promise, and nothing more.
 */
class BotRbacTest {

    private static final String SERVICE_ACCOUNT = "harbormaster";

    @Test
    void theServiceAccountMayDoExactlyWhatTheBotNeeds() {
        List<HasMetadata> objects = appliedObjects();

        assertEquals(new TreeSet<>(Set.of(
                "cluster-wide apps/deployments get", "cluster-wide apps/deployments list",
                "cluster-wide apps/deployments watch", "cluster-wide apps/deployments patch",
                "cluster-wide apps/replicasets get", "cluster-wide apps/replicasets list",
                "cluster-wide apps/replicasets watch",
                "cluster-wide core/pods get", "cluster-wide core/pods list", "cluster-wide core/pods watch",
                "cluster-wide core/events get", "cluster-wide core/events list", "cluster-wide core/events watch",
                "cluster-wide core/secrets get", "cluster-wide core/secrets create", "cluster-wide core/secrets update",
                "cluster-wide core/secrets delete",
                "own namespace coordination.k8s.io/leases get", "own namespace coordination.k8s.io/leases create",
                "own namespace coordination.k8s.io/leases update")), grants(objects));
    }

    private static Set<String> grants(List<HasMetadata> objects) {
        Set<String> grants = new TreeSet<>();
        for (HasMetadata object : objects) {
            if (object instanceof ClusterRoleBinding binding && boundToTheBot(binding.getSubjects())) {
                rules(objects, binding.getRoleRef()).forEach(rule -> add(grants, "cluster-wide", rule));
            } else if (object instanceof RoleBinding binding && boundToTheBot(binding.getSubjects())) {
                rules(objects, binding.getRoleRef()).forEach(rule -> add(grants, "own namespace", rule));
            }
        }
        return grants;
    }

    private static boolean boundToTheBot(List<Subject> subjects) {
        return subjects.stream().anyMatch(subject -> "ServiceAccount".equals(subject.getKind())
                && SERVICE_ACCOUNT.equals(subject.getName()));
    }

    private static List<PolicyRule> rules(List<HasMetadata> objects, RoleRef reference) {
        return objects.stream()
                .filter(object -> object.getKind().equals(reference.getKind())
                        && object.getMetadata().getName().equals(reference.getName()))
                .map(object -> object instanceof ClusterRole role ? role.getRules() : ((Role) object).getRules())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + reference.getKind() + " " + reference.getName()));
    }

    private static void add(Set<String> grants, String scope, PolicyRule rule) {
        assertFalse(rule.getApiGroups().contains("*") || rule.getResources().contains("*")
                || rule.getVerbs().contains("*"), "a wildcard in " + rule);
        assertEquals(List.of(), rule.getResourceNames() == null ? List.of() : rule.getResourceNames(), rule.toString());
        for (String group : rule.getApiGroups()) {
            for (String resource : rule.getResources()) {
                for (String verb : rule.getVerbs()) {
                    grants.add(scope + " " + (group.isEmpty() ? "core" : group) + "/" + resource + " " + verb);
                }
            }
        }
    }

    /** The objects kustomize builds (see KustomizeOutputTest for how, and what else is checked of them). */
    private static List<HasMetadata> appliedObjects() {
        return Kustomize.deployObjects();
    }
}
