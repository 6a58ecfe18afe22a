package dev.harbormaster.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One alert (fingerprint + start) as received: kept for time-to-acknowledge and time-to-restore reports. */
@Entity
@Table(name = "alert_record")
public class AlertRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String fingerprint;
    @Column(name = "group_id")
    public Long groupId;
    public String alertname;
    public String status;
    public String service;
    public String team;
    public String environment;
    public String severity;
    @Column(name = "starts_at")
    public Instant startsAt;
    @Column(name = "ends_at")
    public Instant endsAt;
    @Column(name = "acknowledged_by")
    public String acknowledgedBy;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
}
