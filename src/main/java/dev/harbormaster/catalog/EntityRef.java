package dev.harbormaster.catalog;

import java.util.Locale;

/**
 * A Backstage entity reference, {@code [kind:][namespace/]name}, e.g. {@code group:default/team-a},
 * {@code user:guest} or plain {@code sre}.
 *
 * @param kind lower case; null when the reference does not say
 */
public record EntityRef(String kind, String namespace, String name) {

    public static final String DEFAULT_NAMESPACE = "default";

    public static EntityRef parse(String ref) {
        String rest = ref.trim();
        String kind = null;
        int colon = rest.indexOf(':');
        if (colon > 0) {
            kind = rest.substring(0, colon).toLowerCase(Locale.ROOT);
            rest = rest.substring(colon + 1);
        }
        String namespace = DEFAULT_NAMESPACE;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            namespace = rest.substring(0, slash);
            rest = rest.substring(slash + 1);
        }
        return new EntityRef(kind, namespace, rest);
    }

    /** True when the reference can name a group: it says {@code group:} or says no kind at all. */
    public boolean namesGroup() {
        return kind == null || kind.equals("group");
    }
}
