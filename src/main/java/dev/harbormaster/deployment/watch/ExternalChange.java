package dev.harbormaster.deployment.watch;

import java.util.List;

/**
 * An image change to a Deployment that Harbormaster did not make.
 *
 * @param actor       who made it, as far as the object tells: its change-cause, the field manager of the update
 *                    ({@code argocd-controller}, {@code kubectl-edit}), or null when nothing says
 * @param generation  the Deployment's {@code metadata.generation} after the change: one spec change, once
 * @param noticedLate made while no replica was watching (a leader failover), found when watching resumed
 */
public record ExternalChange(List<ImageUpdate> images, String actor, Long generation, Integer replicas,
                             boolean noticedLate) {

    public ExternalChange {
        images = List.copyOf(images);
    }

    public ExternalChange(List<ImageUpdate> images, String actor, Long generation, Integer replicas) {
        this(images, actor, generation, replicas, false);
    }
}
