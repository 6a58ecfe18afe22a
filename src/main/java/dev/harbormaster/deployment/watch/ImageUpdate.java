package dev.harbormaster.deployment.watch;

/** One container of a Deployment's pod template now runs another image. */
public record ImageUpdate(String container, String fromImage, String toImage) {
}
