package dev.harbormaster.approval;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Approval requests. Every status change is one conditional UPDATE that names the status it expects and
 * reports whether it won: the database, not the JVM, decides who moves a request on.
 */
@ApplicationScoped
public class ApprovalRequestRepository implements PanacheRepository<ApprovalRequest> {

    /** The request, locked until the transaction ends, so votes on one request are counted one at a time. */
    public Optional<ApprovalRequest> lock(long id) {
        return Optional.ofNullable(getEntityManager().find(ApprovalRequest.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** Moves {@code from} → {@code to}, recording who decided and the outcome when given (null keeps them). */
    public boolean transition(long id, ApprovalStatus from, ApprovalStatus to, String decidedBy, String outcome) {
        StringBuilder jpql = new StringBuilder("update ApprovalRequest r set r.status = :to, r.version = r.version + 1");
        if (decidedBy != null) {
            jpql.append(", r.decidedBy = :decidedBy");
        }
        if (outcome != null) {
            jpql.append(", r.outcome = :outcome");
        }
        if (from == ApprovalStatus.PENDING) {
            jpql.append(", r.decidedAt = :now");
        }
        if (to.finished()) {
            jpql.append(", r.finishedAt = :now");
        }
        jpql.append(" where r.id = :id and r.status = :from");
        var query = getEntityManager().createQuery(jpql.toString())
                .setParameter("to", to).setParameter("from", from).setParameter("id", id);
        if (decidedBy != null) {
            query.setParameter("decidedBy", decidedBy);
        }
        if (outcome != null) {
            query.setParameter("outcome", outcome);
        }
        if (from == ApprovalStatus.PENDING || to.finished()) {
            query.setParameter("now", Instant.now());
        }
        return query.executeUpdate() == 1;
    }

    /** Records the first acknowledgement of a break-glass run; later ones change nothing. */
    public boolean acknowledge(long id, String reviewerId) {
        return getEntityManager().createQuery("""
                        update ApprovalRequest r set r.reviewedBy = :reviewer, r.reviewedAt = :now, r.version = r.version + 1
                        where r.id = :id and r.emergencyReason is not null and r.reviewedBy is null""")
                .setParameter("reviewer", reviewerId).setParameter("now", Instant.now()).setParameter("id", id)
                .executeUpdate() == 1;
    }

    public List<Long> pendingExpiredBy(Instant now, int limit) {
        return getEntityManager().createQuery(
                        "select r.id from ApprovalRequest r where r.status = :pending and r.expiresAt <= :now order by r.id", Long.class)
                .setParameter("pending", ApprovalStatus.PENDING).setParameter("now", now).setMaxResults(limit).getResultList();
    }

    /** Approved requests no replica has started, decided before {@code decidedBefore}. */
    public List<Long> approvedNotStartedBy(Instant decidedBefore, int limit) {
        return getEntityManager().createQuery(
                        "select r.id from ApprovalRequest r where r.status = :approved and r.decidedAt <= :before order by r.id", Long.class)
                .setParameter("approved", ApprovalStatus.APPROVED).setParameter("before", decidedBefore)
                .setMaxResults(limit).getResultList();
    }

    /**
     * Takes the run of a request for this replica: APPROVED → EXECUTING, or an EXECUTING one whose lease ran out
     * (its replica died) → EXECUTING again under a new lease. False when another replica holds it.
     */
    public boolean claimExecution(long id, ApprovalStatus from, String holder, Instant now, Instant until) {
        String abandoned = from == ApprovalStatus.EXECUTING ? " and r.leaseUntil < :now" : "";
        var query = getEntityManager().createQuery("update ApprovalRequest r set r.status = :executing, r.version = r.version + 1,"
                        + " r.leaseHolder = :holder, r.leaseUntil = :until where r.id = :id and r.status = :from" + abandoned)
                .setParameter("executing", ApprovalStatus.EXECUTING).setParameter("holder", holder).setParameter("until", until)
                .setParameter("id", id).setParameter("from", from);
        if (!abandoned.isEmpty()) {
            query.setParameter("now", now);
        }
        return query.executeUpdate() == 1;
    }

    /** Extends this replica's lease on a running request; false when the lease was lost to another replica. */
    public boolean renewLease(long id, String holder, Instant until) {
        return getEntityManager().createQuery("update ApprovalRequest r set r.leaseUntil = :until"
                        + " where r.id = :id and r.status = :executing and r.leaseHolder = :holder")
                .setParameter("until", until).setParameter("id", id).setParameter("executing", ApprovalStatus.EXECUTING)
                .setParameter("holder", holder).executeUpdate() == 1;
    }

    /** Requests whose running replica stopped renewing its lease. */
    public List<Long> executingWithExpiredLease(Instant now, int limit) {
        return getEntityManager().createQuery("select r.id from ApprovalRequest r where r.status = :executing"
                        + " and r.leaseUntil < :now order by r.id", Long.class)
                .setParameter("executing", ApprovalStatus.EXECUTING).setParameter("now", now).setMaxResults(limit).getResultList();
    }

    /** Ends a run whose replica died, when the action is not safe to repeat; false when someone else ended it. */
    public boolean abandon(long id, Instant now, String outcome) {
        return getEntityManager().createQuery("update ApprovalRequest r set r.status = :unknown, r.version = r.version + 1,"
                        + " r.outcome = :outcome, r.finishedAt = :now where r.id = :id and r.status = :executing and r.leaseUntil < :now")
                .setParameter("unknown", ApprovalStatus.UNKNOWN).setParameter("outcome", outcome).setParameter("now", now)
                .setParameter("id", id).setParameter("executing", ApprovalStatus.EXECUTING).executeUpdate() == 1;
    }

    public List<ApprovalRequest> pending(int limit) {
        return find("status", Sort.by("id"), ApprovalStatus.PENDING).page(0, limit).list();
    }

    public List<ApprovalRequest> pendingRequestedBy(String requesterId) {
        return list("status = ?1 and requesterId = ?2", Sort.by("id"), ApprovalStatus.PENDING, requesterId);
    }

    public List<ApprovalRequest> awaitingReview(int limit) {
        return find("emergencyReason is not null and reviewedBy is null", Sort.by("id")).page(0, limit).list();
    }
}
