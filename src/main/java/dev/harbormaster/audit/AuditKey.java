package dev.harbormaster.audit;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The audit key ({@code HARBORMASTER_AUDIT_KEY}), loaded at start-up: without one Harbormaster refuses to start,
 * because an entry hashed without a key can be forged by anyone who can write the table, and replicas with
 * different keys would write a chain no one can verify.
 * <p>
 * The key itself is used only to derive two keys (HMAC-SHA256 of the key over a fixed label), one for entry
 * hashes and one for checkpoint signatures, so a signature can never be replayed as an entry hash or back;
 * and a public key id, which names the key in the chain and in checkpoints without revealing it. None of the
 * three is ever logged, stored or sent.
 */
@Startup
@ApplicationScoped
public class AuditKey {

    static final int MIN_LENGTH = 32;
    private static final String HOW_TO_SET = "Set HARBORMASTER_AUDIT_KEY to a random value of at least " + MIN_LENGTH
            + " characters (for example the output of `openssl rand -hex 32`), the same on every replica, from a Secret"
            + " (deploy/kubernetes/secret.example.yaml).";

    @Inject
    AuditSettings settings;

    private byte[] entryKey;
    private byte[] checkpointKey;
    private String id;

    @PostConstruct
    void load() {
        byte[] key = read();
        try {
            entryKey = AuditChain.hmac(key, "harbormaster audit entries v1");
            checkpointKey = AuditChain.hmac(key, "harbormaster audit checkpoints v1");
            id = AuditChain.hex(AuditChain.hmac(key, "harbormaster audit key id v1")).substring(0, 16);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private byte[] read() {
        String key;
        if (settings.key().isPresent()) {
            key = settings.key().get().strip();
        } else if (settings.keyFile().isPresent()) {
            Path file = Path.of(settings.keyFile().get());
            try {
                key = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalStateException("The audit key file " + file.toAbsolutePath()
                        + " (HARBORMASTER_AUDIT_KEY_FILE) cannot be read (" + e.getClass().getSimpleName()
                        + "); refusing to start. Restore it, or " + HOW_TO_SET);
            }
        } else {
            throw new IllegalStateException("No audit key: refusing to start. With an external database"
                    + " (QUARKUS_DATASOURCE_JDBC_URL) every replica must hash the audit log with one shared secret"
                    + " that the database does not hold, or the chain could be forged by anyone who can write the"
                    + " table and replicas would disagree. " + HOW_TO_SET);
        }
        if (key.length() < MIN_LENGTH) {
            throw new IllegalStateException("The audit key is shorter than " + MIN_LENGTH + " characters; refusing to"
                    + " start. " + HOW_TO_SET);
        }
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /** The keyed hash of an entry ({@link AuditChain#keyedHash}). */
    String entryHash(String prevHash, AuditChain.Content content) {
        return AuditChain.keyedHash(entryKey, prevHash, content);
    }

    /** Whether {@code hash} is the keyed hash of the entry, compared in constant time. */
    boolean authentic(String prevHash, AuditChain.Content content, String hash) {
        return hash != null && MessageDigest.isEqual(entryHash(prevHash, content).getBytes(StandardCharsets.US_ASCII),
                hash.getBytes(StandardCharsets.US_ASCII));
    }

    /** The checkpoint's signature: HMAC-SHA256 over its signed text with the checkpoint key. */
    String sign(AuditCheckpoint.Head head) {
        return AuditChain.hex(AuditChain.hmac(checkpointKey, head.signedText()));
    }

    /** Whether a checkpoint read back was signed with this key, compared in constant time. */
    boolean signed(AuditCheckpoint checkpoint) {
        return checkpoint.head().keyId().equals(id) && MessageDigest.isEqual(
                sign(checkpoint.head()).getBytes(StandardCharsets.US_ASCII),
                checkpoint.signature().getBytes(StandardCharsets.US_ASCII));
    }

    /** A public name for the key: the first 16 hex digits of an HMAC of a fixed label; it does not reveal the key. */
    public String id() {
        return id;
    }
}
