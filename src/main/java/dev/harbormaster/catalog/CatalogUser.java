package dev.harbormaster.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.util.ArrayList;
import java.util.List;

/** A Backstage User: kept so that group member references resolve to email addresses. */
@Entity
@Table(name = "catalog_user")
public class CatalogUser extends CatalogRecord {

    @Id
    // ids 50 at a time (V28), so that imports insert in JDBC batches
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "catalog_user_id")
    @SequenceGenerator(name = "catalog_user_id", sequenceName = "catalog_user_id_seq", allocationSize = 50)
    public Long id;

    public String namespace;
    public String name;
    public String email;
    @Column(name = "display_name")
    public String displayName;
    /** Names of the groups the user belongs to (references reduced to the group name). */
    @Column(name = "member_of")
    @Convert(converter = JsonColumns.Strings.class)
    @ColumnTransformer(write = "?::jsonb")
    public List<String> memberOf = new ArrayList<>();
    public String source;
}
