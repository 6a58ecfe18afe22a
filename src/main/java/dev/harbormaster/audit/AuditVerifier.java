package dev.harbormaster.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.Optional;

/**
 * Walks the audit chain in id order, recomputes every hash and checks every link, and reports the first
 * break. A broken chain is a result, never an exception.
 */
@ApplicationScoped
public class AuditVerifier {

    @Inject
    AuditEntryRepository entries;

    /** A transaction so that PostgreSQL streams the rows through a cursor instead of sending them all at once. */
    @Transactional(Transactional.TxType.REQUIRED)
    public ChainVerification verify() {
        Walk walk = new Walk();
        entries.walk(walk::check);
        return new ChainVerification(walk.checked, walk.lastId, walk.lastHash, Optional.ofNullable(walk.problem));
    }

    private static final class Walk {
        long checked;
        long lastId;
        String lastHash = AuditChain.GENESIS;
        ChainVerification.Break problem;

        boolean check(AuditEntryRepository.StoredEntry entry) {
            long id = entry.content().id();
            if (id != lastId + 1) {
                problem = new ChainVerification.Break(ChainVerification.Kind.MISSING, lastId + 1, id - 1);
            } else if (!entry.prevHash().equals(lastHash)) {
                problem = new ChainVerification.Break(ChainVerification.Kind.LINK_BROKEN, id, id);
            } else if (!AuditChain.hash(entry.prevHash(), entry.content()).equals(entry.hash())) {
                problem = new ChainVerification.Break(ChainVerification.Kind.ALTERED, id, id);
            } else {
                checked++;
                lastId = id;
                lastHash = entry.hash();
                return true;
            }
            return false;
        }
    }
}
