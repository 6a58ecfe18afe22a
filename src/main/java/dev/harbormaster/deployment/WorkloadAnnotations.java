package dev.harbormaster.deployment;

/**
 * Annotations Harbormaster writes on a Deployment in the same update that changes it, and the ones Kubernetes
 * itself keeps. The external-change watcher tells Harbormaster's own changes by {@link #CHANGE_ID}.
 */
public final class WorkloadAnnotations {

    /** The {@code deployment_record} id of the change. */
    public static final String CHANGE_ID = "harbormaster.dev/change-id";
    /** The Slack user id of whoever asked for the change. */
    public static final String CHANGED_BY = "harbormaster.dev/changed-by";
    /** What {@code kubectl rollout history} shows; Kubernetes copies it onto the new ReplicaSet. */
    public static final String CHANGE_CAUSE = "kubernetes.io/change-cause";
    /** The ReplicaSet's revision, kept by the Deployment controller. */
    public static final String REVISION = "deployment.kubernetes.io/revision";
    /** Changing it in the pod template is how {@code kubectl rollout restart} restarts every pod. */
    public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    /** The catalog annotation naming a service's image repository. */
    public static final String CATALOG_IMAGE = "harbormaster.dev/image";
    /** The label the Deployment, its ReplicaSets and pods carry. */
    public static final String NAME_LABEL = "app.kubernetes.io/name";

    private WorkloadAnnotations() {
    }
}
