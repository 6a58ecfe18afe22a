package dev.harbormaster.catalog;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks a submitted register / edit form. Pure: what it needs from the database comes in as
 * predicates. Errors are keyed by the block id of the input they concern, as Slack's
 * {@code response_action: errors} wants them.
 */
public final class ServiceFormValidator {

    public static final List<String> LIFECYCLES = List.of("experimental", "production", "deprecated");

    /** The form's values, checked; {@code errors} empty means it can be saved. */
    public record Result(Map<String, String> errors, List<EnvironmentSpec> environments, Integer tier) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private ServiceFormValidator() {
    }

    /**
     * @param registering true for a new service (its name must be free), false for an edit (the name is fixed)
     * @param nameTaken   whether a service of that name exists
     * @param teamExists  whether a team of that name exists
     * @param environments the platform's environments: no other name may be used
     */
    public static Result validate(ServiceForm form, boolean registering, Predicate<String> nameTaken,
                                  Predicate<String> teamExists, Set<String> environments) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (registering) {
            String name = form.name();
            if (name == null || name.isBlank()) {
                errors.put(ServiceForm.NAME, "Give the service a name, e.g. payments-api.");
            } else if (!KubernetesNames.isDns1123Label(name)) {
                // Backstage takes "Fraud_Scorer", but the name is also the workload's in Kubernetes
                errors.put(ServiceForm.NAME, "\"" + name + "\" cannot name a Kubernetes workload: use lower-case letters,"
                        + " digits and '-', at most 63, starting and ending with a letter or digit, e.g. "
                        + suggestedName(name) + ".");
            } else if (nameTaken.test(name)) {
                errors.put(ServiceForm.NAME, "A service named " + name + " already exists: pick another name, "
                        + "or edit it with service edit " + name + ".");
            }
        }
        if (form.ownerTeam() == null || form.ownerTeam().isBlank()) {
            errors.put(ServiceForm.OWNER, "Choose the team that owns the service.");
        } else if (!teamExists.test(form.ownerTeam())) {
            errors.put(ServiceForm.OWNER, "There is no team named " + form.ownerTeam() + ": choose one from the list.");
        }
        Integer tier = null;
        if (form.tier() != null && !form.tier().isBlank()) {
            if (form.tier().matches("[1-4]")) {
                tier = Integer.parseInt(form.tier());
            } else {
                errors.put(ServiceForm.TIER, "The tier is 1, 2, 3 or 4.");
            }
        }
        if (form.lifecycle() == null || form.lifecycle().isBlank()) {
            errors.put(ServiceForm.LIFECYCLE, "Choose a lifecycle: " + String.join(", ", LIFECYCLES) + ".");
        }
        checkUrl(form.repoUrl(), ServiceForm.REPO, "repository", errors);
        checkUrl(form.runbookUrl(), ServiceForm.RUNBOOK, "runbook", errors);
        EnvironmentLines.Parsed parsed = EnvironmentLines.parse(form.environments());
        parsed.problem().ifPresent(problem -> errors.put(ServiceForm.ENVIRONMENTS,
                problem.substring(0, 1).toUpperCase() + problem.substring(1)));
        parsed.environments().stream().map(EnvironmentSpec::name).filter(name -> !environments.contains(name)).findFirst()
                .ifPresent(name -> errors.put(ServiceForm.ENVIRONMENTS,
                        BackstageImporter.unknownEnvironment(name, environments).replace("`", "")));
        for (EnvironmentSpec environment : parsed.environments()) {
            kubernetesProblem(environment).ifPresent(problem -> errors.putIfAbsent(ServiceForm.ENVIRONMENTS, problem));
        }
        return new Result(errors, parsed.environments(), tier);
    }

    /** What Kubernetes would refuse in an environment line: its namespace, cpu or memory. */
    private static Optional<String> kubernetesProblem(EnvironmentSpec environment) {
        if (environment.namespace() != null && !KubernetesNames.isDns1123Label(environment.namespace())) {
            return Optional.of(environment.name() + ": namespace " + environment.namespace() + " is not a Kubernetes namespace"
                    + " name (lower-case letters, digits and '-').");
        }
        if (environment.cpu() != null && !KubernetesNames.isQuantity(environment.cpu())) {
            return Optional.of(environment.name() + ": cpu=" + environment.cpu() + " is not a Kubernetes quantity, e.g. cpu=500m or cpu=1.");
        }
        if (environment.memory() != null && !KubernetesNames.isQuantity(environment.memory())) {
            return Optional.of(environment.name() + ": memory=" + environment.memory()
                    + " is not a Kubernetes quantity, e.g. memory=512Mi or memory=1Gi.");
        }
        return Optional.empty();
    }

    /** "Fraud_Scorer" → "fraud-scorer": what the user most likely meant. */
    static String suggestedName(String name) {
        String lowered = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return lowered.isEmpty() ? "payments-api" : lowered.substring(0, Math.min(63, lowered.length())).replaceAll("-+$", "");
    }

    private static void checkUrl(String url, String blockId, String what, Map<String, String> errors) {
        if (url == null || url.isBlank()) {
            return;
        }
        try {
            URI uri = new URI(url.trim());
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below, like any other unusable address
        }
        errors.put(blockId, "The " + what + " URL must be a full http(s) address, e.g. https://github.com/example/payments-api.");
    }
}
