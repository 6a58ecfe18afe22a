package dev.harbormaster.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** An open modal: {@code json} is the view as Slack returns it; {@code errors} the last response_action=errors. */
final class SandboxView {

    final String id;
    final String userId;
    ObjectNode json;
    Map<String, String> errors = new LinkedHashMap<>();

    SandboxView(String id, String userId, ObjectNode json) {
        this.id = id;
        this.userId = userId;
        this.json = json;
    }

    String externalId() {
        return json.path("external_id").asText("");
    }
}
