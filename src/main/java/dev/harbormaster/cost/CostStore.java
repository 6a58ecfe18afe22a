package dev.harbormaster.cost;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The cost tables: daily sums written per source in one transaction, with JDBC batches, and what each source last did. */
@ApplicationScoped
public class CostStore {

    private static final int BATCH = 1000;

    @Inject
    EntityManager entityManager;

    /** A source's last read, as {@code sources()} reports it. */
    public record SourceRead(String name, String kind, Long sizeBytes, Instant modifiedAt, Instant readAt, long rowsRead,
                             long rowsSkipped, LocalDate firstDay, LocalDate lastDay, String error) {
    }

    /**
     * Replaces what {@code source} holds (every day when {@code days} is null, else those days) with {@code costs},
     * in the caller's transaction: readers see the old sums or the new ones, never half.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void replace(String source, Collection<LocalDate> days, DailyCosts costs) {
        if (days == null) {
            entityManager.createNativeQuery("delete from cost_daily where source = ?1").setParameter(1, source).executeUpdate();
        } else {
            for (LocalDate day : days) {
                entityManager.createNativeQuery("delete from cost_daily where source = ?1 and day = ?2")
                        .setParameter(1, source).setParameter(2, day).executeUpdate();
            }
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into cost_daily "
                    + "(day, service, source, currency, effective_cost, billed_cost) values (?, ?, ?, ?, ?, ?)")) {
                int pending = 0;
                for (Map.Entry<DailyCosts.Key, DailyCosts.Amounts> entry : costs.sums().entrySet()) {
                    DailyCosts.Key key = entry.getKey();
                    insert.setDate(1, Date.valueOf(key.day()));
                    insert.setString(2, key.service());
                    insert.setString(3, source);
                    insert.setString(4, key.currency());
                    insert.setBigDecimal(5, entry.getValue().effective);
                    insert.setBigDecimal(6, entry.getValue().billed);
                    insert.addBatch();
                    if (++pending == BATCH) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                }
            }
        });
    }

    /** Records what a read did (success or why it failed), replacing the previous record of that source. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void recordRead(SourceRead read) {
        entityManager.createNativeQuery("""
                        insert into cost_source_read (name, kind, size_bytes, modified_at, read_at, rows_read, rows_skipped,
                                                      first_day, last_day, error)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                        on conflict (name) do update set kind = excluded.kind, size_bytes = excluded.size_bytes,
                          modified_at = excluded.modified_at, read_at = excluded.read_at, rows_read = excluded.rows_read,
                          rows_skipped = excluded.rows_skipped, first_day = excluded.first_day, last_day = excluded.last_day,
                          error = excluded.error""")
                .setParameter(1, read.name()).setParameter(2, read.kind())
                .setParameter(3, read.sizeBytes())
                .setParameter(4, read.modifiedAt() == null ? null : Timestamp.from(read.modifiedAt()))
                .setParameter(5, Timestamp.from(read.readAt()))
                .setParameter(6, read.rowsRead()).setParameter(7, read.rowsSkipped())
                .setParameter(8, read.firstDay()).setParameter(9, read.lastDay())
                .setParameter(10, read.error())
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SourceRead> lastRead(String name) {
        return reads("where name = ?1", name).stream().findFirst();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SourceRead> lastReads(String kind) {
        return reads("where kind = ?1 order by name", kind);
    }

    @SuppressWarnings("unchecked")
    private List<SourceRead> reads(String where, String value) {
        List<Object[]> rows = entityManager.createNativeQuery("select name, kind, size_bytes, modified_at, read_at, rows_read, "
                + "rows_skipped, first_day, last_day, error from cost_source_read " + where).setParameter(1, value).getResultList();
        return rows.stream().map(row -> new SourceRead((String) row[0], (String) row[1],
                row[2] == null ? null : ((Number) row[2]).longValue(), instant(row[3]), instant(row[4]),
                ((Number) row[5]).longValue(), ((Number) row[6]).longValue(), date(row[7]), date(row[8]), (String) row[9])).toList();
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalStateException("not a time: " + value.getClass());
    }

    static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate day) {
            return day;
        }
        if (value instanceof Date date) {
            return date.toLocalDate();
        }
        throw new IllegalStateException("not a date: " + value.getClass());
    }
}
