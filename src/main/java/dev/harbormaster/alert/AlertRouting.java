package dev.harbormaster.alert;

import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.Environment;
import dev.harbormaster.catalog.Link;
import dev.harbormaster.catalog.Service;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.command.Suggestions;
import dev.harbormaster.team.TeamRoute;
import dev.harbormaster.team.TeamRouting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which catalog service an alert is about, and so where it goes: the first routing label (in the configured order)
 * that names a catalog service, else a {@code namespace} (and {@code cluster}) where a catalog environment runs. An
 * alert about no known service goes to the platform channel with a hint saying which label to add: never dropped.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AlertRouting {

    static final String KUBERNETES_ID_LABEL = "backstage_io_kubernetes_id";

    @Inject
    Catalog catalog;
    @Inject
    TeamRouting teams;
    @Inject
    AlertSettings settings;

    /**
     * @param service     the catalog service, or null
     * @param environment the catalog environment the alert comes from, or null
     * @param hint        for an alert about no known service: what label to add (mrkdwn), else null
     */
    public record Destination(String service, String environment, Integer tier, TeamRoute route, String runbookUrl,
                              String dashboardUrl, String hint) {
    }

    public Destination route(AlertNotification notification) {
        String unknown = null;
        for (String label : settings.routingLabels()) {
            Optional<String> value = notification.label(label).filter(v -> !v.isBlank());
            if (value.isEmpty()) {
                continue;
            }
            Optional<Service> service = KUBERNETES_ID_LABEL.equals(label) ? catalog.serviceByKubernetesId(value.get())
                    : catalog.service(value.get());
            if (service.isPresent()) {
                return destination(service.get(), environmentOf(service.get(), notification));
            }
            if (unknown == null) {
                unknown = label + "=" + value.get();
            }
        }
        Optional<String> namespace = notification.label("namespace").filter(v -> !v.isBlank());
        List<String> sharing = List.of();
        if (namespace.isPresent()) {
            List<Environment> found = catalog.environmentsIn(notification.label("cluster").orElse(null), namespace.get());
            sharing = found.stream().map(e -> e.service.name).distinct().toList();
            if (sharing.size() == 1) {
                return destination(found.get(0).service, found.get(0));
            }
        }
        return new Destination(null, null, null, teams.platform(), null, null, hint(unknown, namespace.orElse(null), sharing));
    }

    private Destination destination(Service service, Environment environment) {
        TeamRoute route = teams.forService(service.name);
        return new Destination(service.name, environment == null ? null : environment.name, service.tier, route,
                service.runbookUrl, dashboard(service.links), null);
    }

    /** The environment whose namespace (and cluster) the alert carries, else the one an {@code env} label names. */
    private static Environment environmentOf(Service service, AlertNotification notification) {
        Optional<String> namespace = notification.label("namespace");
        Optional<String> cluster = notification.label("cluster");
        Optional<Environment> byLocation = service.environments.stream()
                .filter(e -> namespace.isPresent() && namespace.get().equals(e.namespace))
                .filter(e -> cluster.isEmpty() || cluster.get().equals(e.cluster)).findFirst();
        if (byLocation.isPresent()) {
            return byLocation.get();
        }
        Optional<String> named = notification.label("environment").or(() -> notification.label("env"));
        return service.environments.stream().filter(e -> named.isPresent() && named.get().equalsIgnoreCase(e.name))
                .findFirst().orElse(null);
    }

    private static String dashboard(List<Link> links) {
        return links.stream().filter(l -> "dashboard".equalsIgnoreCase(l.type())
                        || l.title() != null && l.title().toLowerCase(Locale.ROOT).contains("dashboard"))
                .map(Link::url).findFirst().orElse(null);
    }

    private String hint(String unknown, String namespace, List<String> sharing) {
        String labels = String.join("`, `", settings.routingLabels());
        if (unknown != null) {
            String value = unknown.substring(unknown.indexOf('=') + 1);
            String didYouMean = Suggestions.didYouMean(value, catalog.serviceNamesLike(value));
            return "No catalog service is called " + Mrkdwn.code(value, 80) + " (from " + Mrkdwn.code(unknown, 120) + ")."
                    + (didYouMean.isEmpty() ? "" : " " + Mrkdwn.escape(didYouMean))
                    + " Set the label to the service's catalog name so this alert reaches its team.";
        }
        if (namespace != null && !sharing.isEmpty()) {
            return "Namespace " + Mrkdwn.code(namespace, 80) + " holds several catalog services ("
                    + String.join(", ", sharing.stream().limit(10).map(name -> Mrkdwn.code(name, 80)).toList())
                    + "). Add a `service` label with the service's catalog name so this alert reaches its team.";
        }
        if (namespace != null) {
            return "No catalog environment runs in namespace " + Mrkdwn.code(namespace, 80) + ". Add a `service` label "
                    + "with the service's catalog name (or list the namespace under its environments).";
        }
        return "This alert names no service. Add a `service` label with the service's catalog name (also read: `"
                + labels + "`, or `namespace` + `cluster` of a catalog environment) so it reaches the owning team.";
    }
}
