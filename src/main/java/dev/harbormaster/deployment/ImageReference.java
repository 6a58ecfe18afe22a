package dev.harbormaster.deployment;

/**
 * A container image split into repository and tag. The tag is what follows the last ':' after the last '/',
 * so a registry port ({@code registry:5000/app}) is not mistaken for one; a digest is kept with the repository.
 */
public record ImageReference(String repository, String tag) {

    public static ImageReference parse(String image) {
        if (image == null || image.isBlank()) {
            return new ImageReference("", null);
        }
        int at = image.indexOf('@');
        String withoutDigest = at < 0 ? image : image.substring(0, at);
        int slash = withoutDigest.lastIndexOf('/');
        int colon = withoutDigest.lastIndexOf(':');
        if (colon > slash && at < 0) {
            return new ImageReference(withoutDigest.substring(0, colon), withoutDigest.substring(colon + 1));
        }
        return new ImageReference(image, null);
    }

    public ImageReference withTag(String newTag) {
        return new ImageReference(repository, newTag);
    }

    /** The tag, or "latest" when none is written, which is what a runtime pulls. */
    public String version() {
        return tag == null ? "latest" : tag;
    }

    @Override
    public String toString() {
        return tag == null ? repository : repository + ":" + tag;
    }
}
