package dev.harbormaster.addon.broker;

import dev.harbormaster.slack.SlackConnection;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The password of a binding, derived instead of stored: HMAC-SHA256, under a key the bot holds outside the
 * database, of the instance id, the binding id and the binding's generated role name.
 *
 * <p>Why derived: the spec wants an identical repeat of a bind (a platform retrying after a lost answer, or ten
 * racing requests) to get the same credentials, so the first password must be available again; storing it would
 * put every add-on's password in the bot's database and its backups. Encrypting it with an outside key would work
 * too, but deriving keeps nothing secret in the database at all: a copy of the database gives role names, and
 * PostgreSQL holds only SCRAM verifiers. The role name is random per binding, so a binding deleted and made
 * again under the same id gets a new password. Changing the key changes what a repeat returns; the broker sets
 * the role's verifier again on every bind, so that repeat still hands out a password that works.
 */
@Startup
@ApplicationScoped
public class BindingPasswords {

    private static final Logger LOG = Logger.getLogger(BindingPasswords.class);
    private static final int MIN_KEY_CHARS = 32;

    private final byte[] key;

    @Inject
    public BindingPasswords(BrokerSettings settings, BrokerAccess access, SlackConnection slack) {
        if (!access.enabled()) {
            this.key = null;
        } else if (settings.credentialsKey().filter(k -> !k.isBlank()).isPresent()) {
            String configured = settings.credentialsKey().get();
            if (configured.length() < MIN_KEY_CHARS) {
                throw new IllegalStateException("HARBORMASTER_OSB_BROKER_CREDENTIALS_KEY must be at least "
                        + MIN_KEY_CHARS + " characters");
            }
            this.key = configured.getBytes(StandardCharsets.UTF_8);
        } else if (slack.sandbox()) {
            this.key = keptIn(settings.credentialsKeyFile());
        } else {
            throw new IllegalStateException("The OSB reference broker is enabled but HARBORMASTER_OSB_BROKER_CREDENTIALS_KEY "
                    + "is not set: binding passwords are derived from it");
        }
    }

    /** 64 hex characters; the same for the same binding as long as the key stays the same. */
    String of(String instanceId, String bindingId, String roleName) {
        if (key == null) {
            throw new IllegalStateException("the reference broker is off");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            // NUL separates the parts: ids cannot contain it (BrokerResource refuses control characters)
            String message = "osb-binding-password\0" + instanceId + "\0" + bindingId + "\0" + roleName;
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM lacks HmacSHA256", e);
        }
    }

    /** The sandbox's key: made once and kept beside its data, so repeats after a restart get the same passwords. */
    private static byte[] keptIn(Path file) {
        try {
            if (!Files.exists(file)) {
                Path directory = file.toAbsolutePath().getParent();
                Files.createDirectories(directory);
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Path draft = Files.createTempFile(directory, ".osb-broker-credentials", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(draft, HexFormat.of().formatHex(random));
                try {
                    // a link appears whole or not at all, and fails when another process made the file meanwhile:
                    // then its key wins (a rename would silently replace a key already in use)
                    Files.createLink(file, draft);
                    LOG.infof("OSB reference broker: generated the binding credentials key in %s", file.toAbsolutePath());
                } catch (FileAlreadyExistsException e) {
                    // kept the other one
                } finally {
                    Files.delete(draft);
                }
            }
            String stored = Files.readString(file).strip();
            if (stored.length() < MIN_KEY_CHARS) {
                throw new IllegalStateException(file.toAbsolutePath() + " holds no usable key: delete it to make a new one");
            }
            return stored.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the OSB broker's credentials key in " + file.toAbsolutePath(), e);
        }
    }
}
