package dev.harbormaster.approval;

import java.util.List;

/** A set of people: one {@code from} of a policy's {@code require} entry, or one entry of its {@code requesters}. */
public sealed interface ApproverSet {

    /** Members of the team that owns the target in the catalog. */
    record Owners() implements ApproverSet {
    }

    /** Members of a catalog team. */
    record CatalogTeam(String name) implements ApproverSet {
    }

    /** Members of a Slack user group, by id ({@code S0SRE}) or handle ({@code sre}). */
    record Usergroup(String ref) implements ApproverSet {
    }

    /** Listed people, by Slack user id or email. */
    record Users(List<String> ids) implements ApproverSet {
        public Users {
            ids = List.copyOf(ids);
        }
    }

    /** Everyone in the workspace: only in {@code requesters}, never as approvers. */
    record Anyone() implements ApproverSet {
    }
}
