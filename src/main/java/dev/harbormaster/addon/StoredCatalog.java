package dev.harbormaster.addon;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A broker's catalog as last fetched, shared by every replica. */
@Entity
@Table(name = "addon_broker_catalog")
public class StoredCatalog {

    @Id
    public String broker;

    /** The {@code GET /v2/catalog} body; null until a fetch succeeded. */
    public String catalog;

    @Column(name = "fetched_at")
    public Instant fetchedAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "attempted_at")
    public Instant attemptedAt;
}
