package dev.harbormaster.addon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.harbormaster.catalog.Catalog;
import dev.harbormaster.catalog.Service;
import dev.harbormaster.command.Mrkdwn;
import dev.harbormaster.command.Suggestions;
import dev.harbormaster.catalog.KubernetesNames;
import dev.harbormaster.kubernetes.WorkloadLocator;
import dev.harbormaster.slack.SlackConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checks an {@code addon create} request, from the command line or the form, the same way: the offering and plan
 * exist (with "did you mean"), the name can name a Kubernetes object and is free, the service and environment exist
 * and run somewhere, and the parameters fit the plan's schema. Problems are keyed by the form field they concern.
 */
@ApplicationScoped
public class AddonRequests {

    /** Keys of an {@code addon create} request's parameters, as the approval engine stores them. */
    public static final String OFFERING = "offering";
    public static final String PLAN = "plan";
    public static final String NAME = "name";
    public static final String SERVICE = "service";
    public static final String ENV = "env";
    /** The parameters as a JSON object of the texts typed (checked against the schema every time). */
    public static final String PARAMS = "params";
    /** One {@code k=v}: how {@code policy check} hands over the last {@code --param}. */
    public static final String PARAM = "param";
    /** The channel the request came from, where the progress message goes. */
    public static final String CHANNEL = "channel";

    /** Secret names are {@code addon-<name>}: a name this long still makes a 63-character label. */
    static final int MAX_NAME = 57;
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    @Inject
    AddonCatalog addonCatalog;
    @Inject
    Catalog catalog;
    @Inject
    WorkloadLocator locator;
    @Inject
    AddonInstanceRepository instances;
    @Inject
    SlackConnection connection;

    /** Either the request, or problems by field ({@code plan}, {@code name}, {@code service}, {@code env}, {@code param:<name>}). */
    public record Checked(AddonRequest request, Map<String, String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }

        /** The problems as one message for a command's answer. */
        public String message() {
            return String.join("\n", problems.values());
        }
    }

    @Transactional
    public Checked check(Map<String, String> parameters) {
        Map<String, String> problems = new LinkedHashMap<>();
        String slash = connection.slashCommand();
        Optional<Offering> offering = Optional.empty();
        Optional<Plan> plan = Optional.empty();
        String offeringName = parameters.get(OFFERING);
        List<Offering> offerings = addonCatalog.offerings();
        if (offeringName == null) {
            problems.put(PLAN, "Choose an offering and a plan (see `" + slash + " addons`).");
        } else {
            offering = offerings.stream().filter(o -> o.name().equals(offeringName)).findFirst();
            if (offering.isEmpty()) {
                String hint = Suggestions.didYouMean(offeringName, offerings.stream().map(Offering::name).toList());
                problems.put(PLAN, "No add-on offering " + Mrkdwn.echo(offeringName) + "." + (hint.isEmpty() ? "" : " " + hint)
                        + " See what there is with `" + slash + " addons`.");
            } else {
                String planName = parameters.get(PLAN);
                plan = planName == null ? Optional.empty() : offering.get().plan(planName);
                if (plan.isEmpty()) {
                    String hint = planName == null ? "" : Suggestions.didYouMean(planName, offering.get().planNames());
                    problems.put(PLAN, Mrkdwn.code(offeringName) + " has no plan " + (planName == null ? "of that name"
                            : Mrkdwn.echo(planName)) + "." + (hint.isEmpty() ? "" : " " + hint) + " Its plans: "
                            + String.join(", ", offering.get().planNames()) + ".");
                }
            }
        }
        String name = parameters.get(NAME);
        if (name == null || !KubernetesNames.isDns1123Label(name) || name.length() > MAX_NAME) {
            problems.put(NAME, (name == null ? "Give the add-on a name" : Mrkdwn.echo(name) + " cannot name an add-on")
                    + ": up to " + MAX_NAME + " lower-case letters, digits and '-', starting and ending with a letter or "
                    + "digit, e.g. `orders-db`.");
        } else if (instances.live(name).isPresent()) {
            problems.put(NAME, "An add-on named " + Mrkdwn.code(name) + " exists already (`" + slash + " addon status "
                    + name + "`); choose another name.");
        }
        String serviceName = parameters.get(SERVICE);
        String env = parameters.get(ENV);
        Optional<Service> service = serviceName == null ? Optional.empty() : catalog.service(serviceName);
        if (serviceName == null) {
            problems.put(SERVICE, "Say which service it is for: `--service <service>`.");
        } else if (service.isEmpty()) {
            String hint = Suggestions.didYouMean(serviceName, catalog.serviceNamesLike(serviceName));
            problems.put(SERVICE, "No service " + Mrkdwn.echo(serviceName) + " in the catalog." + (hint.isEmpty() ? "" : " " + hint));
        }
        WorkloadLocator.Located located = null;
        if (env == null) {
            problems.put(ENV, "Say which environment it is for: `--env <env>`"
                    + service.map(s -> " (" + Mrkdwn.code(s.name) + " has " + String.join(", ", locator.environments(s)) + ")")
                    .orElse("") + ".");
        } else if (service.isPresent()) {
            located = locator.locate(service.get(), env);
            if (located instanceof WorkloadLocator.Located.Problem problem) {
                problems.put(ENV, AddonProgressMessage.capitalised(problem.message()));
            }
        }
        PlanSchemaForm.Validation validation = null;
        if (plan.isPresent()) {
            Map<String, String> raw = rawParams(parameters);
            if (raw == null) {
                problems.put(PlanSchemaForm.BLOCK_PREFIX, "Write each parameter as `--param key=value`.");
            } else {
                validation = PlanSchemaForm.of(plan.get().parametersSchema()).validate(raw);
                for (PlanSchemaForm.Problem problem : validation.problems()) {
                    String line = (problem.path().isEmpty() ? "Parameters" : "Parameter " + Mrkdwn.code(problem.path()))
                            + ": " + Mrkdwn.escape(problem.message());
                    problems.merge(problem.blockId(), line, (a, b) -> a + "\n" + b);
                }
            }
        }
        if (!problems.isEmpty()) {
            return new Checked(null, problems);
        }
        Service found = service.orElseThrow();
        return new Checked(new AddonRequest(offering.orElseThrow(), plan.orElseThrow(), name,
                ((WorkloadLocator.Located.Found) located).workload(), found.ownerTeam, found.tier,
                validation.parameters()), Map.of());
    }

    /** The {@code --param k=v} texts as the request stores them. */
    public static String paramsJson(Map<String, String> raw) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(raw));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    /**
     * Splits {@code k=v} texts ({@code k} may be a dotted path, {@code v} JSON for a structured parameter); a text
     * that is a JSON object is every parameter at once. Null when one is neither.
     */
    public static Map<String, String> splitParams(List<String> given) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (String pair : given) {
            if (pair.strip().startsWith("{")) {
                raw.put(PlanSchemaForm.WHOLE, pair.strip());
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                return null;
            }
            raw.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return raw;
    }

    private static Map<String, String> rawParams(Map<String, String> parameters) {
        if (parameters.containsKey(PARAMS)) {
            try {
                return JSON.readValue(parameters.get(PARAMS), new TypeReference<LinkedHashMap<String, String>>() { });
            } catch (JsonProcessingException e) {
                return null;
            }
        }
        return parameters.containsKey(PARAM) ? splitParams(List.of(parameters.get(PARAM))) : Map.of();
    }
}
