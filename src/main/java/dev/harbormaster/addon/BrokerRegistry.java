package dev.harbormaster.addon;

import dev.harbormaster.addon.broker.BrokerAccess;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The brokers from configuration, plus the reference broker served by this process when it is on (sandbox and
 * tests), reached over loopback the way any other broker is reached.
 */
@ApplicationScoped
public class BrokerRegistry {

    public static final String REFERENCE = "reference";

    private final Map<String, Broker> brokers;

    @Inject
    public BrokerRegistry(AddonSettings settings, BrokerAccess reference,
                          @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int httpPort,
                          @ConfigProperty(name = "quarkus.http.test-port", defaultValue = "8081") int testPort) {
        Map<String, Broker> found = new LinkedHashMap<>();
        if (settings.referenceBroker().orElse(reference.enabled())) {
            int port = LaunchMode.current() == LaunchMode.TEST ? testPort : httpPort;
            found.put(REFERENCE, new Broker(REFERENCE, URI.create("http://127.0.0.1:" + port + "/osb"),
                    basic(reference.username(), reference.password())));
        }
        new TreeMap<>(settings.brokers()).forEach((name, connection) -> found.put(name, new Broker(name,
                URI.create(connection.url()), authorization(name, connection))));
        this.brokers = Map.copyOf(found);
    }

    public List<Broker> all() {
        return brokers.values().stream().sorted(Comparator.comparing(Broker::name)).toList();
    }

    public Optional<Broker> byName(String name) {
        return Optional.ofNullable(brokers.get(name));
    }

    private static String authorization(String name, AddonSettings.BrokerConnection connection) {
        if (connection.token().filter(t -> !t.isBlank()).isPresent()) {
            return "Bearer " + connection.token().get();
        }
        if (connection.username().isPresent()) {
            return basic(connection.username().get(), connection.password().orElse(""));
        }
        if (connection.password().isPresent()) {
            throw new IllegalStateException("Broker " + name + " has a password but no username: set "
                    + "harbormaster.addons.brokers." + name + ".username");
        }
        return null;
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
