package dev.harbormaster.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A flood of new groups for one team, shown as one summary message instead of one message per group. */
@Entity
@Table(name = "alert_storm")
public class AlertStorm {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String team;
    public String channel;
    @Column(name = "message_key")
    public String messageKey;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "last_group_at")
    public Instant lastGroupAt;
    /** The summary changed since its last edit was queued. */
    public boolean dirty;
    @Column(name = "edit_queued_at")
    public Instant editQueuedAt;
}
