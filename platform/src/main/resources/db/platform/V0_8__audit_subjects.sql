-- What each sealed event concerns and who did it, read from the row when it is sealed, so the audit
-- trail is asked by task, by unit and by user through an index (GET /api/audit/tasks/{id}, ...).
-- Not part of the chain's hash: the event row itself is, and the trail shows the row.
ALTER TABLE audit_chain
    ADD COLUMN task_id      VARCHAR(255),
    ADD COLUMN subject_unit VARCHAR(255),
    ADD COLUMN actor_user   VARCHAR(255),
    ADD COLUMN actor_unit   VARCHAR(255);

CREATE INDEX audit_chain_by_task ON audit_chain (task_id, global_index) WHERE task_id IS NOT NULL;
CREATE INDEX audit_chain_by_subject_unit ON audit_chain (subject_unit, global_index) WHERE subject_unit IS NOT NULL;
CREATE INDEX audit_chain_by_actor_unit ON audit_chain (actor_unit, global_index) WHERE actor_unit IS NOT NULL;
CREATE INDEX audit_chain_by_actor_user ON audit_chain (actor_user, global_index) WHERE actor_user IS NOT NULL;
