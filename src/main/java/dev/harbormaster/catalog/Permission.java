package dev.harbormaster.catalog;

/**
 * Whether a change is allowed, and when it is not, who could make it.
 *
 * @param owningTeam the team whose members may make the change, or null when only admins may
 * @param adminTeam  the team whose members are platform admins
 */
public record Permission(boolean allowed, String owningTeam, String adminTeam) {
}
