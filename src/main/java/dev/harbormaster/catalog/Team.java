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

/** A team that owns services: a Backstage Group, or one registered from chat. */
@Entity
@Table(name = "catalog_team")
public class Team extends CatalogRecord {

    @Id
    // ids 50 at a time (V28), so that imports insert in JDBC batches
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "catalog_team_id")
    @SequenceGenerator(name = "catalog_team_id", sequenceName = "catalog_team_id_seq", allocationSize = 50)
    public Long id;

    public String name;
    @Column(name = "display_name")
    public String displayName;
    public String description;
    public String email;
    public String type;
    /** A channel name (without '#') or a channel id. */
    @Column(name = "slack_channel")
    public String slackChannel;
    /** Slack user ids or email addresses. */
    @Convert(converter = JsonColumns.Strings.class)
    @ColumnTransformer(write = "?::jsonb")
    public List<String> members = new ArrayList<>();
    /** A Slack user id, an email address, or the name of an on-call rota. */
    @Column(name = "on_call")
    public String onCall;
    public String parent;
    /** An IANA time zone id from the {@code harbormaster.dev/timezone} annotation, or null (UTC). */
    @Column(name = "time_zone")
    public String timeZone;
    /** The {@code harbormaster.dev/digest} annotation (see {@link DigestSchedule}), or null for the default. */
    @Column(name = "digest_schedule")
    public String digestSchedule;
    /** The Backstage entity ref it was imported from, or {@code chat}. */
    public String source;
}
