package dev.harbormaster.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.harbormaster.catalog.Environment;
import dev.harbormaster.catalog.Service;
import dev.harbormaster.slack.SlackConnection;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkloadLocatorTest {

    @Test
    void catalogClusterAndNamespaceWinAndKubernetesIdNamesTheDeployment() {
        WorkloadLocator locator = locator(Map.of("eks-eu-1", connection()), Map.of());
        Service service = service("payments-api", "payments", environment("production", "eks-eu-1", "payments"));
        service.kubernetesId = "payments-api-v2";

        WorkloadLocator.Located located = locator.locate(service, "production");

        assertEquals(new WorkloadLocator.Located.Found(new Workload("payments-api", "production", "eks-eu-1",
                "payments", "payments-api-v2", false)), located);
    }

    @Test
    void environmentDefaultsFillWhatTheCatalogLeavesOut() {
        WorkloadLocator locator = locator(Map.of("onprem-fra", connection()),
                Map.of("staging", defaults("onprem-fra", "{team}-{environment}")));
        Service service = service("ledger", "finance", environment("staging", null, null));

        WorkloadLocator.Located located = locator.locate(service, "staging");

        assertEquals(new Workload("ledger", "staging", "onprem-fra", "finance-staging", "ledger", false),
                ((WorkloadLocator.Located.Found) located).workload());
    }

    @Test
    void problemsSayWhatIsMissing() {
        WorkloadLocator locator = locator(Map.of("eks-eu-1", connection()), Map.of());
        Service service = service("payments-api", "payments", environment("production", "eks-us-9", "payments"),
                environment("staging", null, null), environment("qa", "eks-eu-1", "Payments_QA"));

        assertEquals("`payments-api` has no environment `prod`; it has `production`, `staging`, `qa`",
                problem(locator.locate(service, "prod")));
        assertTrue(problem(locator.locate(service, "production")).contains("cluster `eks-us-9`"));
        assertTrue(problem(locator.locate(service, "staging")).contains("no default cluster"));
        assertEquals("namespace `Payments_QA` is not a valid Kubernetes namespace name",
                problem(locator.locate(service, "qa")));
    }

    private static String problem(WorkloadLocator.Located located) {
        return ((WorkloadLocator.Located.Problem) located).message();
    }

    private static WorkloadLocator locator(Map<String, KubernetesSettings.ClusterConnection> clusters,
                                           Map<String, KubernetesSettings.EnvironmentDefaults> environments) {
        KubernetesSettings settings = mock(KubernetesSettings.class);
        when(settings.clusters()).thenReturn(clusters);
        when(settings.environments()).thenReturn(environments);
        when(settings.simulated()).thenReturn(KubernetesSettings.Simulation.OFF);
        when(settings.namespacePattern()).thenReturn("{service}-{environment}");
        return new WorkloadLocator(settings, new Clusters(settings, mock(SlackConnection.class)));
    }

    private static KubernetesSettings.ClusterConnection connection() {
        KubernetesSettings.ClusterConnection connection = mock(KubernetesSettings.ClusterConnection.class);
        when(connection.apiUrl()).thenReturn(Optional.of("https://127.0.0.1:6443"));
        return connection;
    }

    private static KubernetesSettings.EnvironmentDefaults defaults(String cluster, String pattern) {
        KubernetesSettings.EnvironmentDefaults defaults = mock(KubernetesSettings.EnvironmentDefaults.class);
        when(defaults.cluster()).thenReturn(Optional.of(cluster));
        when(defaults.namespacePattern()).thenReturn(Optional.of(pattern));
        return defaults;
    }

    private static Service service(String name, String team, Environment... environments) {
        Service service = new Service();
        service.name = name;
        service.ownerTeam = team;
        for (Environment environment : environments) {
            environment.service = service;
            service.environments.add(environment);
        }
        return service;
    }

    private static Environment environment(String name, String cluster, String namespace) {
        Environment environment = new Environment();
        environment.name = name;
        environment.cluster = cluster;
        environment.namespace = namespace;
        return environment;
    }
}
