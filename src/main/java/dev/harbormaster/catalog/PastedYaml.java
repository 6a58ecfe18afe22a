package dev.harbormaster.catalog;

/** YAML as it arrives from Slack: possibly inside a ``` block, with &, < and > escaped by Slack. */
final class PastedYaml {

    private PastedYaml() {
    }

    static String clean(String text) {
        String yaml = text.strip();
        if (yaml.startsWith("```")) {
            yaml = yaml.substring(3);
            int end = yaml.lastIndexOf("```");
            if (end >= 0) {
                yaml = yaml.substring(0, end);
            }
            // a language tag right after the fence ("```yaml") is not part of the document
            if (yaml.startsWith("yaml\n") || yaml.startsWith("yml\n")) {
                yaml = yaml.substring(yaml.indexOf('\n') + 1);
            }
        }
        return yaml.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** How problems name pasted YAML: there is no file. */
    static String source(String userId) {
        return "YAML pasted by " + userId;
    }
}
