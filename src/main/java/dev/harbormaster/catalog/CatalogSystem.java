package dev.harbormaster.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A Backstage System: a group of services, shown on their cards. */
@Entity
@Table(name = "catalog_system")
public class CatalogSystem extends CatalogRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;
    public String namespace;
    public String description;
    public String owner;
    public String domain;
    public String source;
}
