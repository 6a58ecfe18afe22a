package dev.harbormaster.approval;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.function.Supplier;

/**
 * Runs a piece of the engine in a transaction of its own, so the engine decides exactly when each step
 * commits (a vote commits before the action runs; the action commits before its outcome is recorded). A
 * runtime exception rolls back and is rethrown unchanged.
 */
@ApplicationScoped
public class NewTransaction {

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public <T> T call(Supplier<T> work) {
        return work.get();
    }
}
