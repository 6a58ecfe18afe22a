package dev.harbormaster.catalog;

import dev.harbormaster.command.CommandReply;

/** Why a catalog change was refused, and who can make it instead. */
final class RefusalMessage {

    private RefusalMessage() {
    }

    static String edit(String serviceName, Permission permission) {
        String owners = permission.owningTeam() == null ? ""
                : "members of " + Mrkdwn.code(permission.owningTeam()) + " (the owning team) or ";
        return ":no_entry: Only " + owners + "platform admins (members of " + Mrkdwn.code(permission.adminTeam())
                + ") can edit " + Mrkdwn.code(serviceName) + ". Ask one of them, or ask to be added to the team "
                + "in the catalog.";
    }

    static String importing(Permission permission) {
        return ":no_entry: Only platform admins (members of " + Mrkdwn.code(permission.adminTeam())
                + ") can import into the catalog. Ask one of them to run it, or send the YAML to "
                + "POST /admin/catalog/import with the admin token.";
    }

    static CommandReply editReply(String serviceName, Permission permission) {
        return CommandReply.ephemeral(edit(serviceName, permission));
    }

    static CommandReply importReply(Permission permission) {
        return CommandReply.ephemeral(importing(permission));
    }
}
