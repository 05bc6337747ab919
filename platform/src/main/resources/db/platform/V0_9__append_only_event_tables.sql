-- The event table and the tamper-evidence tables are append-only for the role the service runs as:
-- the service only ever inserts and reads them (Axon's event store, the audit-chain processor, the
-- checkpoints). Revoked from the owner itself, so a service role that owns its database (README,
-- "Least privilege in PostgreSQL") cannot rewrite or delete a stored event even through a bug or an
-- injected statement; an administrator would first have to grant the right back, on purpose.
-- (A superuser, as the tests' embedded server and the dev stack use, bypasses privileges: the tamper
-- tests edit rows that way.) Snapshots, tokens and dead letters stay writable: Axon updates them.
REVOKE UPDATE, DELETE, TRUNCATE ON domainevententry, audit_chain, audit_checkpoint FROM CURRENT_USER;
