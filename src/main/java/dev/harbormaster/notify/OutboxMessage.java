package dev.harbormaster.notify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One row of the outbox; written by {@link Outbox#enqueue}, then only by {@link OutboxDelivery}. */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage {

    public enum Status { PENDING, SENT, FAILED }

    @Id
    Long id;
    @Enumerated(EnumType.STRING)
    OutboundMessage.Kind kind;
    String channel;
    String text;
    @Column(name = "blocks_json")
    String blocksJson;
    @Column(name = "message_key")
    String messageKey;
    @Column(name = "thread_key")
    String threadKey;
    @Column(name = "metadata_json")
    String metadataJson;
    @Enumerated(EnumType.STRING)
    Status status;
    int attempts;
    @Column(name = "next_attempt_at")
    Instant nextAttemptAt;
    @Column(name = "last_error")
    String lastError;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "sent_at")
    Instant sentAt;
    @Column(name = "slack_ts")
    String slackTs;
    @Column(name = "slack_channel_id")
    String slackChannelId;
    @Column(name = "fallback_channel")
    String fallbackChannel;
    @Column(name = "reroute_notice_user")
    String rerouteNoticeUser;
    @Column(name = "reroute_notice_text")
    String rerouteNoticeText;
    @Column(name = "rerouted_from")
    String reroutedFrom;

    public Long id() {
        return id;
    }

    public Status status() {
        return status;
    }

    public String lastError() {
        return lastError;
    }

    /** Slack's timestamp of the posted message, which is its id within the channel; null until sent. */
    public String slackTs() {
        return slackTs;
    }

    public String slackChannelId() {
        return slackChannelId;
    }
}
