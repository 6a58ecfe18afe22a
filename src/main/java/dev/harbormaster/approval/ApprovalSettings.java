package dev.harbormaster.approval;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The approval engine: where policies come from, and the defaults they fall back on. */
@ConfigMapping(prefix = "harbormaster.approvals")
public interface ApprovalSettings {

    /** HARBORMASTER_APPROVALS_DIR: read policies from this folder (a mounted ConfigMap) instead of the jar. */
    Optional<String> dir();

    /**
     * HARBORMASTER_APPROVALS_CHANNEL: where approvers are asked when the policy names no channel and the
     * owning team has none in the catalog.
     */
    @WithDefault("platform-approvals")
    String channel();

    /** HARBORMASTER_APPROVALS_EXPIRES_AFTER: how long a request waits when its policy has no expires_after. */
    @WithDefault("24h")
    Duration expiresAfter();

    /**
     * HARBORMASTER_APPROVALS_EXECUTION_LEASE: how long an approved action's execution is held by the replica running
     * it without renewal; after a replica dies, another takes over once this has passed (renewed every quarter of it).
     */
    @WithDefault("2m")
    Duration executionLease();
}
