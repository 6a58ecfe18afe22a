package dev.harbormaster.sandbox;

import java.util.LinkedHashSet;
import java.util.Set;

/** A channel, or a direct-message conversation between the bot and one user ({@code imUserId} set). */
final class SandboxChannel {

    final String id;
    final String name;
    final boolean isPrivate;
    final String imUserId;
    final String topic;
    final long created;
    final Set<String> memberIds = new LinkedHashSet<>();

    SandboxChannel(String id, String name, boolean isPrivate, String imUserId, String topic, long created) {
        this.id = id;
        this.name = name;
        this.isPrivate = isPrivate;
        this.imUserId = imUserId;
        this.topic = topic;
        this.created = created;
    }

    boolean im() {
        return imUserId != null;
    }
}
