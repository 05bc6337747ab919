-- Tamper evidence for the event table (org.plantracker.platform.audit): each stored event, in the
-- order the audit-chain tracking processor sealed it, with SHA-256(previous chain hash || the event
-- row's canonical bytes). Rewriting, deleting, inserting or reordering rows of DomainEventEntry no
-- longer matches the chain; rewriting the chain as well no longer matches the signed checkpoints.
CREATE TABLE audit_chain (
    seq              BIGINT       PRIMARY KEY,
    global_index     BIGINT       NOT NULL UNIQUE,
    event_identifier VARCHAR(255) NOT NULL,
    -- hex SHA-256 of the event row's canonical bytes, and of the previous chain hash followed by them
    event_hash       CHAR(64)     NOT NULL,
    chain_hash       CHAR(64)     NOT NULL,
    sealed_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- The chain head signed with the service's audit key (Ed25519), now and then; also appended to a file
-- outside the database when plan-tracker.audit.checkpoint-file is set, and exported at /api/audit/checkpoints.
CREATE TABLE audit_checkpoint (
    seq          BIGINT       PRIMARY KEY,
    global_index BIGINT       NOT NULL,
    chain_hash   CHAR(64)     NOT NULL,
    signed_at    VARCHAR(40)  NOT NULL,
    key_id       VARCHAR(64)  NOT NULL,
    signature    TEXT         NOT NULL
);
