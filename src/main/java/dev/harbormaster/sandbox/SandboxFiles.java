package dev.harbormaster.sandbox;

import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Files uploaded the way Slack takes them since files.upload was retired: {@code files.getUploadURLExternal} reserves
 * an id and an upload URL, the bytes are POSTed there, {@code files.completeUploadExternal} finishes the upload.
 * Kept in memory, the oldest dropped past {@link #MAX_FILES}; a file over {@link #MAX_BYTES} is refused, as Slack
 * refuses one over its limit.
 */
@ApplicationScoped
public class SandboxFiles {

    static final int MAX_FILES = 100;
    static final int MAX_BYTES = 1024 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    static final class StoredFile {
        final String id;
        final String name;
        final int length;
        final String altText;
        String title;
        byte[] bytes;
        boolean complete;

        StoredFile(String id, String name, int length, String altText) {
            this.id = id;
            this.name = name;
            this.length = length;
            this.altText = altText;
        }

        String mimetype() {
            return isPng(bytes) ? "image/png" : "application/octet-stream";
        }
    }

    private final Map<String, StoredFile> files = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StoredFile> eldest) {
            return size() > MAX_FILES;
        }
    };

    synchronized StoredFile reserve(String name, int length, String altText) {
        StringBuilder id = new StringBuilder("F");
        for (int i = 0; i < 10; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        StoredFile file = new StoredFile(id.toString(), name, length, altText);
        files.put(file.id, file);
        return file;
    }

    /** The bytes POSTed to an upload URL; false when the id was never reserved, is complete, or the size is wrong. */
    synchronized boolean receive(String id, byte[] bytes) {
        StoredFile file = files.get(id);
        if (file == null || file.complete || bytes.length != file.length) {
            return false;
        }
        file.bytes = bytes;
        return true;
    }

    synchronized Optional<StoredFile> complete(String id, String title) {
        StoredFile file = files.get(id);
        if (file == null || file.bytes == null) {
            return Optional.empty();
        }
        file.complete = true;
        file.title = title == null || title.isBlank() ? file.name : title;
        return Optional.of(file);
    }

    synchronized Optional<StoredFile> completed(String id) {
        return Optional.ofNullable(files.get(id)).filter(f -> f.complete);
    }

    synchronized void reset() {
        files.clear();
    }

    static boolean isPng(byte[] bytes) {
        return bytes != null && bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
    }
}
