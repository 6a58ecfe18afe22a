-- An approved action runs under a lease its replica renews (issue 13). A replica killed mid-run leaves the request
-- EXECUTING with an expired lease: another replica takes it over, runs it again when the action is safe to repeat,
-- and otherwise records the outcome as UNKNOWN and tells the requester and the approvers what to check.
ALTER TABLE approval_request ADD COLUMN lease_until TIMESTAMPTZ;
ALTER TABLE approval_request ADD COLUMN lease_holder TEXT;
ALTER TABLE approval_request DROP CONSTRAINT approval_request_status_check;
ALTER TABLE approval_request ADD CONSTRAINT approval_request_status_check CHECK (status IN ('PENDING', 'APPROVED',
    'EXECUTING', 'SUCCEEDED', 'FAILED', 'UNKNOWN', 'REJECTED', 'EXPIRED', 'CANCELLED'));
CREATE INDEX approval_request_executing ON approval_request (lease_until) WHERE status = 'EXECUTING';
