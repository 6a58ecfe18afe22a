package dev.harbormaster.command;

import java.util.Set;

/**
 * Which files of a configuration folder ({@code commands/}, {@code approvals/}, or the ConfigMap mounted in their
 * place) the bot reads: visible YAML files, except kustomize's own file. Each folder carries a
 * {@code kustomization.yaml} that turns it into a ConfigMap for {@code kubectl apply -k deploy/kubernetes}; it is
 * not a command spec nor a policy, and would otherwise stop the start-up as an invalid one.
 */
public final class ConfigFolder {

    /** The names kustomize looks for in a folder (it accepts any one of them). */
    public static final Set<String> KUSTOMIZATION_FILES = Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    private ConfigFolder() {
    }

    /**
     * @param fileName a name in the folder, without directories; a mounted ConfigMap also holds "..data" links and
     *                 timestamped folders, which start with a dot
     */
    public static boolean isDataFile(String fileName) {
        return !fileName.startsWith(".") && (fileName.endsWith(".yaml") || fileName.endsWith(".yml"))
                && !KUSTOMIZATION_FILES.contains(fileName);
    }
}
