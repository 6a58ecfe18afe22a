package dev.harbormaster.kubernetes;

import java.util.regex.Pattern;

/** Kubernetes' naming rules, checked before any name a user typed goes into an API call. */
public final class KubernetesNames {

    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private KubernetesNames() {
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
