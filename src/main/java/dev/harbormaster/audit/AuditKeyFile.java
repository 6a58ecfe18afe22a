package dev.harbormaster.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The embedded default's audit key: generated once, kept in {@code <data dir>/audit.key} readable by its owner
 * only, and reused on every later start so the chain stays verifiable. It lives next to the database files, not
 * in the database: someone who can only write the table (SQL) cannot read it.
 */
public final class AuditKeyFile {

    static final String NAME = "audit.key";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AuditKeyFile() {
    }

    /** The key file in {@code dataDir}, created with a new random key if there is none yet. */
    public static Path ensure(Path dataDir) throws IOException {
        Path file = dataDir.resolve(NAME);
        if (Files.exists(file)) {
            return file;
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Files.createDirectories(dataDir);
        // Written in full under another name, then moved: a crash never leaves an empty key behind.
        Path partial = createOwnerOnly(dataDir);
        try {
            Files.writeString(partial, HexFormat.of().formatHex(random) + "\n", StandardCharsets.US_ASCII);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return file;
    }

    private static Path createOwnerOnly(Path dataDir) throws IOException {
        try {
            return Files.createTempFile(dataDir, NAME, ".partial", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            Path partial = Files.createTempFile(dataDir, NAME, ".partial");
            partial.toFile().setReadable(false, false);
            partial.toFile().setWritable(false, false);
            partial.toFile().setReadable(true, true);
            partial.toFile().setWritable(true, true);
            return partial;
        }
    }
}
