package dev.harbormaster.catalog;

import java.util.List;
import java.util.Map;

/** A validated Backstage descriptor of a kind the catalog keeps. */
public sealed interface BackstageEntity {

    String namespace();

    String name();

    /** {@code kind:namespace/name}, as Backstage writes entity references. */
    String ref();

    record ComponentEntity(String namespace, String name, String description, String owner, String type,
                           String lifecycle, String system, Integer tier, String repoUrl, String runbookUrl,
                           List<Link> links, List<String> tags, List<String> dependsOn, String kubernetesId,
                           Map<String, String> annotations, String costCenter, List<Slo> slos,
                           List<EnvironmentSpec> environments) implements BackstageEntity {
        @Override
        public String ref() {
            return "component:" + namespace + "/" + name;
        }
    }

    /**
     * @param memberRefs     user references from {@code spec.members}, resolved to emails when imported
     * @param digestSchedule the {@code harbormaster.dev/digest} annotation as written (checked), or null
     */
    record GroupEntity(String namespace, String name, String displayName, String description, String email,
                       String type, String parent, List<String> memberRefs, String slackChannel, String onCall,
                       String timeZone, String digestSchedule)
            implements BackstageEntity {
        @Override
        public String ref() {
            return "group:" + namespace + "/" + name;
        }
    }

    /** @param memberOf group names (references reduced to the name) */
    record UserEntity(String namespace, String name, String email, String displayName, List<String> memberOf)
            implements BackstageEntity {
        @Override
        public String ref() {
            return "user:" + namespace + "/" + name;
        }
    }

    record SystemEntity(String namespace, String name, String description, String owner, String domain)
            implements BackstageEntity {
        @Override
        public String ref() {
            return "system:" + namespace + "/" + name;
        }
    }
}
