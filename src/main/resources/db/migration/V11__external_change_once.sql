-- An image change made outside Harbormaster is recorded, and announced, once: the watcher inserts its record in the
-- same transaction as the outbox message, so if two replicas both believe they lead (a split brain around the Lease),
-- the second insert waits for the first and then fails here, and its message is rolled back with it.
-- metadata.generation identifies one spec change of one Deployment (API servers bump it on every spec change).
CREATE UNIQUE INDEX deployment_record_external_once
    ON deployment_record (cluster, namespace, deployment, generation)
    WHERE kind = 'EXTERNAL';
