package dev.harbormaster.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** The audit log: the key its hashes are made with, and where its checkpoints go. */
@ConfigMapping(prefix = "harbormaster.audit")
public interface AuditSettings {

    /**
     * HARBORMASTER_AUDIT_KEY: the secret every entry's hash and every checkpoint's signature is keyed with, at
     * least {@value AuditKey#MIN_LENGTH} characters, the same on every replica (from the Kubernetes Secret).
     * Never read from application.properties, never logged, never written to the database.
     */
    Optional<String> key();

    /**
     * HARBORMASTER_AUDIT_KEY_FILE: a file holding the key instead. The embedded default points it at
     * {@code <data dir>/audit.key}, generated on first start ({@link AuditKeyFile}).
     */
    Optional<String> keyFile();

    /** HARBORMASTER_AUDIT_CHANNEL: the channel (name or id) that receives checkpoints of the chain's head. */
    @WithDefault("platform-audit")
    String channel();

    /**
     * HARBORMASTER_AUDIT_CHECKPOINT_CRON: when {@link AuditCheckpointJob} checkpoints the chain (Quartz cron; the
     * top of every hour), or {@code off}.
     */
    @WithDefault("0 0 * * * ?")
    String checkpointCron();
}
