package dev.harbormaster.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A Backstage System: a group of services, shown on their cards. */
@Entity
@Table(name = "catalog_system")
public class CatalogSystem extends CatalogRecord {

    @Id
    // ids 50 at a time (V28), so that imports insert in JDBC batches
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "catalog_system_id")
    @SequenceGenerator(name = "catalog_system_id", sequenceName = "catalog_system_id_seq", allocationSize = 50)
    public Long id;

    public String name;
    public String namespace;
    public String description;
    public String owner;
    public String domain;
    public String source;
}
