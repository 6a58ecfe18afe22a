package dev.harbormaster.catalog;

/**
 * What the register / edit modal submits, as typed (blank fields are null). Block ids of the modal
 * inputs are the constants below, so validation errors land under the right field.
 */
public record ServiceForm(String name, String description, String ownerTeam, String tier, String lifecycle,
                          String repoUrl, String runbookUrl, String environments) {

    public static final String NAME = "name";
    public static final String DESCRIPTION = "description";
    public static final String OWNER = "owner";
    public static final String TIER = "tier";
    public static final String LIFECYCLE = "lifecycle";
    public static final String REPO = "repo";
    public static final String RUNBOOK = "runbook";
    public static final String ENVIRONMENTS = "environments";
    /** Only on the edit form: why, for the approvers of the gated part of an edit. */
    public static final String REASON = "reason";
}
