package dev.harbormaster.catalog;

import java.util.regex.Pattern;

/**
 * Kubernetes' naming and quantity rules, checked before what a user typed goes into an API call or a manifest, and
 * when a service enters the catalog (so catalog and cluster agree on what a name may be).
 */
public final class KubernetesNames {

    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    /** A resource quantity as Kubernetes parses it: 500m, 0.5, 512Mi, 1G, 1e3. */
    private static final Pattern QUANTITY =
            Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?[0-9]+))?");

    private KubernetesNames() {
    }

    /** A cpu or memory amount a Deployment would take (a manifest with "lots" would not apply). */
    public static boolean isQuantity(String value) {
        return value != null && value.length() <= 32 && QUANTITY.matcher(value).matches();
    }

    /** Namespaces, Service names: at most 63 lower-case alphanumerics and '-', alphanumeric at both ends. */
    public static boolean isDns1123Label(String name) {
        return name != null && name.length() <= 63 && DNS_1123_LABEL.matcher(name).matches();
    }

    /** Deployment, Secret and most other object names: dot-separated labels, at most 253 characters. */
    public static boolean isDns1123Subdomain(String name) {
        return name != null && name.length() <= 253 && DNS_1123_SUBDOMAIN.matcher(name).matches();
    }
}
