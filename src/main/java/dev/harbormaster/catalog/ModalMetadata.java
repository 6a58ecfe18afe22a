package dev.harbormaster.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A catalog modal's private_metadata. It only says which service is edited and where to confirm:
 * everything else is re-read from the database on submit, and authorization is checked again.
 *
 * @param service the edited service, null when registering or importing
 * @param channel the channel the command was run in, where the confirmation goes
 */
record ModalMetadata(String service, String channel) {

    private static final ObjectMapper JSON = new ObjectMapper();

    String encode() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("two strings always serialise", e);
        }
    }

    static ModalMetadata decode(String text) {
        if (text == null || text.isBlank()) {
            return new ModalMetadata(null, null);
        }
        try {
            return JSON.readValue(text, ModalMetadata.class);
        } catch (JsonProcessingException e) {
            return new ModalMetadata(null, null);
        }
    }
}
