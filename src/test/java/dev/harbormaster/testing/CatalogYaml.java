package dev.harbormaster.testing;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Backstage descriptors for a test's own corner of the catalog, with the sandbox's people (alice, bob, carol, dave,
 * known to Slack by {@code <name>@example.com}) as catalog users named {@code <prefix>-<name>}.
 */
public final class CatalogYaml {

    private CatalogYaml() {
    }

    /** One User document per sandbox person, each followed by {@code ---}. */
    public static String people(String prefix, String... names) {
        return Arrays.stream(names).map(name -> """
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata: {name: %s-%s}
                spec: {profile: {email: %s@example.com}}
                ---
                """.formatted(prefix, name, name)).collect(Collectors.joining());
    }

    /** A Group whose channel is {@code channel}, with these member references (user names, emails or Slack ids). */
    public static String team(String name, String channel, String... members) {
        return """
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: %s
                  annotations: {harbormaster.dev/slack-channel: %s}
                spec: {type: team, members: [%s]}
                """.formatted(name, channel, String.join(", ", members));
    }
}
