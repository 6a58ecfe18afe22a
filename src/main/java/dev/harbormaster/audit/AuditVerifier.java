package dev.harbormaster.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Walks the whole audit chain in id order ({@link ChainWalk}) against every checkpoint that can be read, and
 * names every break it finds. A broken chain is a result, never an exception.
 */
@ApplicationScoped
public class AuditVerifier {

    @Inject
    AuditEntryRepository entries;
    @Inject
    AuditCheckpoints checkpoints;
    @Inject
    AuditKey key;

    /**
     * Reads the checkpoints first (the channel over HTTP, before any transaction is open), then walks the chain in
     * one transaction, so that PostgreSQL streams the rows through a cursor instead of sending them all at once.
     */
    public ChainVerification verify() {
        AuditCheckpoints.Known known = checkpoints.known();
        return QuarkusTransaction.joiningExisting().call(() -> {
            ChainWalk walk = ChainWalk.fromStart(key::authentic, known.valid());
            entries.walk(1, Long.MAX_VALUE, walk::visit);
            return walk.finish(known);
        });
    }
}
