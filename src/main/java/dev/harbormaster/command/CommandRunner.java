package dev.harbormaster.command;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import org.jboss.logging.Logger;

/**
 * Runs a handler on a worker thread with a CDI request context, so Panache reads work there. A transaction that a
 * failed command left on the pooled thread (a stack overflow inside nested transactions can skip their clean-up) is
 * rolled back first: otherwise every later command on that thread would fail with "the transaction has rolled back".
 */
@ApplicationScoped
public class CommandRunner {

    private static final Logger LOG = Logger.getLogger(CommandRunner.class);

    @Inject
    TransactionManager transactions;

    @ActivateRequestContext
    public CommandReply run(PlatformCommand handler, CommandInvocation invocation) throws Exception {
        discardLeftoverTransaction();
        try {
            return handler.execute(invocation);
        } finally {
            discardLeftoverTransaction();
        }
    }

    private void discardLeftoverTransaction() throws SystemException {
        if (transactions.getTransaction() == null) {
            return;
        }
        LOG.errorf("A transaction was left open on %s by a command; rolling it back", Thread.currentThread().getName());
        try {
            transactions.rollback();
        } catch (IllegalStateException | SystemException alreadyOver) {
            // rolled back already (by a timeout, say): only the thread still points at it
            transactions.suspend();
        }
    }
}
