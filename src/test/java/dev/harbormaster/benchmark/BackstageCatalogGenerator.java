package dev.harbormaster.benchmark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an organisation-sized Backstage catalog the way {@code HARBORMASTER_CATALOG_DIR} reads it: one file per team,
 * {@code team-N.yaml}, holding the team's {@code Group} and its {@value #SERVICES_PER_TEAM} {@code Component}s, plus the
 * admin team {@code platform} in {@code platform.yaml}. Services
 * are {@code svc-0 … svc-(n-1)}; {@code svc-N} belongs to {@code team-(N / 100)}, so a benchmark knows every answer
 * without reading the files back.
 *
 * <p>The shape follows the demo catalog ({@code src/main/resources/demo-catalog/}): a Group with {@code spec.profile},
 * a Slack channel and an on-call; Components with {@code spec.owner: group:team-N}, a tier and staging + production
 * environments in the team's namespaces ({@code team-N}, {@code team-N-staging}). People are Slack user ids, not emails, so that an answer never waits on a directory look-up; and no
 * Component names a system or dependency that does not exist, so that the import logs no warning per entity.
 */
final class BackstageCatalogGenerator {

    static final int SERVICES_PER_TEAM = 100;

    private BackstageCatalogGenerator() {
    }

    /** What was written. */
    record Catalog(Path directory, int services, int teams, long bytes) {
    }

    static String serviceName(int n) {
        return "svc-" + n;
    }

    static String teamOf(int service) {
        return "team-" + service / SERVICES_PER_TEAM;
    }

    /** Writes {@code services} components (and {@code ceil(services / 100)} teams) into {@code directory}. */
    static Catalog write(Path directory, int services) throws IOException {
        Files.createDirectories(directory);
        int teams = (services + SERVICES_PER_TEAM - 1) / SERVICES_PER_TEAM;
        long bytes = 0;
        StringBuilder yaml = new StringBuilder(128 * 1024);
        for (int team = 0; team < teams; team++) {
            yaml.setLength(0);
            group(yaml, team);
            int first = team * SERVICES_PER_TEAM;
            int last = Math.min(services, first + SERVICES_PER_TEAM);
            for (int service = first; service < last; service++) {
                yaml.append("---\n");
                component(yaml, service);
            }
            Path file = directory.resolve("team-" + team + ".yaml");
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.append(yaml);
            }
            bytes += yaml.length();
        }
        yaml.setLength(0);
        adminTeam(yaml);
        Files.writeString(directory.resolve("platform.yaml"), yaml, StandardCharsets.UTF_8);
        bytes += yaml.length();
        return new Catalog(directory, services, teams + 1, bytes);
    }

    private static void group(StringBuilder yaml, int team) {
        yaml.append("apiVersion: backstage.io/v1alpha1\n")
                .append("kind: Group\n")
                .append("metadata:\n")
                .append("  name: team-").append(team).append('\n')
                .append("  description: Benchmark team ").append(team).append('\n')
                .append("  annotations:\n")
                .append("    harbormaster.dev/slack-channel: team-").append(team).append('\n')
                .append("    harbormaster.dev/on-call: U0ONCALL").append(team).append('\n')
                .append("spec:\n")
                .append("  type: team\n")
                .append("  profile:\n")
                .append("    displayName: Team ").append(team).append('\n')
                .append("    email: team-").append(team).append("@example.com\n")
                .append("  children: []\n")
                .append("  members: [U0LEAD").append(team).append(", U0DEV").append(team).append("]\n");
    }

    /**
     * The admin team ({@code HARBORMASTER_CATALOG_ADMIN_TEAM}, default {@code platform}): the shipped approval policies
     * name it, and the bot refuses to start with a policy naming a team the catalog lacks.
     */
    private static void adminTeam(StringBuilder yaml) {
        yaml.append("""
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata:
                  name: platform
                  description: The internal developer platform
                  annotations:
                    harbormaster.dev/slack-channel: platform
                    harbormaster.dev/on-call: U0PLATFORM
                spec:
                  type: team
                  profile:
                    displayName: Platform
                    email: platform@example.com
                  children: []
                  members: [UALICE]
                """);
    }

    private static void component(StringBuilder yaml, int service) {
        String name = serviceName(service);
        int tier = 1 + service % 3;
        yaml.append("apiVersion: backstage.io/v1alpha1\n")
                .append("kind: Component\n")
                .append("metadata:\n")
                .append("  name: ").append(name).append('\n')
                .append("  description: Benchmark service ").append(service).append('\n')
                .append("  tags: [java, benchmark]\n")
                .append("  annotations:\n")
                .append("    harbormaster.dev/image: ghcr.io/example/").append(name).append('\n')
                .append("    backstage.io/kubernetes-id: ").append(name).append('\n')
                .append("    harbormaster.dev/tier: \"").append(tier).append("\"\n")
                .append("spec:\n")
                .append("  type: service\n")
                .append("  lifecycle: production\n")
                .append("  owner: group:").append(teamOf(service)).append('\n')
                .append("  harbormaster:\n")
                .append("    environments:\n");
        // a namespace per team and environment, as the demo catalog has it (payments, payments-staging)
        String team = teamOf(service);
        environment(yaml, "staging", "eks-eu-staging", team + "-staging", 1, 2, "250m", "256Mi");
        environment(yaml, "production", "eks-eu-1", team, 2, 6, "500m", "512Mi");
    }

    private static void environment(StringBuilder yaml, String env, String cluster, String namespace, int min, int max,
                                    String cpu, String memory) {
        yaml.append("      - name: ").append(env).append('\n')
                .append("        cluster: ").append(cluster).append('\n')
                .append("        namespace: ").append(namespace).append('\n')
                .append("        region: eu-west-1\n")
                .append("        country: IE\n")
                .append("        replicas: {min: ").append(min).append(", max: ").append(max).append("}\n")
                .append("        cpu: ").append(cpu).append('\n')
                .append("        memory: ").append(memory).append('\n');
    }
}
