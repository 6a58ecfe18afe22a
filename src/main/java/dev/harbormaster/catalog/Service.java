package dev.harbormaster.catalog;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A service in the catalog (a Backstage Component), with where it runs and how it is measured. */
@Entity
@Table(name = "catalog_service")
public class Service extends CatalogRecord {

    @Id
    // ids 50 at a time (V28), so that imports insert in JDBC batches
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "catalog_service_id")
    @SequenceGenerator(name = "catalog_service_id", sequenceName = "catalog_service_id_seq", allocationSize = 50)
    public Long id;

    public String name;
    public String namespace;
    public String description;
    /** The owner reference exactly as written in the descriptor, so {@code user:guest} or a dangling {@code sre} still shows. */
    public String owner;
    /** The group the owner reference names, or null when it names a user. */
    @Column(name = "owner_team")
    public String ownerTeam;
    public String type;
    public String system;
    public String lifecycle;
    public Integer tier;
    @Column(name = "repo_url")
    public String repoUrl;
    @Column(name = "runbook_url")
    public String runbookUrl;
    @Convert(converter = JsonColumns.Links.class)
    @ColumnTransformer(write = "?::jsonb")
    public List<Link> links = new ArrayList<>();
    @Convert(converter = JsonColumns.Strings.class)
    @ColumnTransformer(write = "?::jsonb")
    public List<String> tags = new ArrayList<>();
    @Column(name = "depends_on")
    @Convert(converter = JsonColumns.Strings.class)
    @ColumnTransformer(write = "?::jsonb")
    public List<String> dependsOn = new ArrayList<>();
    @Column(name = "kubernetes_id")
    public String kubernetesId;
    @Convert(converter = JsonColumns.StringMap.class)
    @ColumnTransformer(write = "?::jsonb")
    public Map<String, String> annotations = new HashMap<>();
    @Column(name = "cost_center")
    public String costCenter;
    @Convert(converter = JsonColumns.Slos.class)
    @ColumnTransformer(write = "?::jsonb")
    public List<Slo> slos = new ArrayList<>();
    /** The Backstage entity ref it came from ({@code component:default/payments-api}), or {@code chat}. */
    @Column(name = "source_ref")
    public String sourceRef;
    @Column(name = "source_file")
    public String sourceFile;
    /** A digest of the descriptor as last imported: an import of the same descriptor changes nothing. */
    @Column(name = "source_digest")
    public String sourceDigest;
    /**
     * The fields ({@link ChatEdits.Field} names) changed in chat since the descriptor was last imported: an import
     * keeps them until its file says the same.
     */
    @Column(name = "chat_edited_fields")
    @Convert(converter = JsonColumns.Strings.class)
    @ColumnTransformer(write = "?::jsonb")
    public List<String> chatEditedFields = new ArrayList<>();
    @Column(name = "chat_edited_by")
    public String chatEditedBy;
    @Column(name = "chat_edited_at")
    public Instant chatEditedAt;
    @OneToMany(mappedBy = "service", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<Environment> environments = new ArrayList<>();

    /** Records that {@code fields} were changed in chat by {@code actorId}: an import will not silently undo them. */
    public void editedInChat(Collection<ChatEdits.Field> fields, String actorId) {
        if (fields.isEmpty()) {
            return;
        }
        Set<String> edited = new TreeSet<>(chatEditedFields);
        fields.forEach(field -> edited.add(field.name()));
        chatEditedFields = new ArrayList<>(edited);
        chatEditedBy = actorId;
        chatEditedAt = Instant.now();
    }

    /**
     * Replaces the environments with {@code wanted}, updating rows in place by name: deleting and
     * re-inserting a name in one flush would trip the (service, name) unique key, since Hibernate
     * inserts before it deletes.
     */
    public void replaceEnvironments(List<EnvironmentSpec> wanted) {
        Map<String, Environment> existing = new LinkedHashMap<>();
        environments.forEach(e -> existing.put(e.name, e));
        environments.clear();
        int position = 0;
        for (EnvironmentSpec spec : wanted) {
            Environment environment = existing.remove(spec.name());
            if (environment == null) {
                environment = new Environment();
                environment.service = this;
            }
            environment.copyFrom(spec);
            environment.position = position++;
            environments.add(environment);
        }
    }
}
