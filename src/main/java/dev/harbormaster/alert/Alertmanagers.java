package dev.harbormaster.alert;

import dev.harbormaster.slack.SlackConnection;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Alertmanagers silences go to: those configured under {@code harbormaster.alerts.alertmanagers.<name>}, or,
 * with none configured and no real Slack, the sandbox's stand-in on this server (reached over HTTP like any other).
 */
@ApplicationScoped
public class Alertmanagers {

    /** The name of the sandbox's stand-in. */
    static final String SANDBOX = "sandbox";
    static final String SANDBOX_PATH = "/sandbox/alertmanager";

    @Inject
    AlertSettings settings;
    @Inject
    SlackConnection connection;
    @Inject
    AlertCredentials credentials;

    /** Where to reach one, and how to authenticate (null fields when none). */
    public record Target(String name, String url, String token, String username, String password) {
    }

    public Map<String, Target> all() {
        Map<String, Target> targets = new LinkedHashMap<>();
        settings.alertmanagers().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> targets.put(e.getKey(),
                new Target(e.getKey(), trim(e.getValue().url()), e.getValue().token().orElse(null),
                        e.getValue().username().orElse(null), e.getValue().password().orElse(null))));
        if (targets.isEmpty() && connection.sandbox()) {
            targets.put(SANDBOX, new Target(SANDBOX, sandboxUrl(), credentials.token().orElse(null), null, null));
        }
        return targets;
    }

    /** Which configured Alertmanager a notification's {@code externalURL} names. */
    public Optional<String> nameOf(String externalUrl) {
        if (externalUrl == null) {
            return Optional.empty();
        }
        String wanted = normalise(externalUrl);
        return all().values().stream().filter(t -> normalise(t.url()).equals(wanted)).map(Target::name).findFirst();
    }

    /** The one a silence goes to: the group's sender, else the only one there is. */
    public Optional<Target> forSilence(String sender) {
        Map<String, Target> all = all();
        if (sender != null && all.containsKey(sender)) {
            return Optional.of(all.get(sender));
        }
        return all.size() == 1 ? all.values().stream().findFirst() : Optional.empty();
    }

    /** The stand-in's address on this server's loopback, the one its demo notifications carry as externalURL. */
    public static String sandboxUrl() {
        boolean test = LaunchMode.current() == LaunchMode.TEST;
        int port = ConfigProvider.getConfig()
                .getOptionalValue(test ? "quarkus.http.test-port" : "quarkus.http.port", Integer.class)
                .orElse(test ? 8081 : 8080);
        return "http://127.0.0.1:" + port + SANDBOX_PATH;
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String normalise(String url) {
        try {
            URI uri = URI.create(url.strip());
            String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return (uri.getScheme() + "://" + uri.getHost() + ":" + port).toLowerCase(Locale.ROOT) + path;
        } catch (IllegalArgumentException e) {
            return url.strip();
        }
    }
}
