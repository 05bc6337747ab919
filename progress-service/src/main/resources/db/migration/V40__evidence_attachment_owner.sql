-- Evidence is attached to more than reports: supervision records, problems' answers, good practices.
-- A row names its owner by kind and id; the rows there are (all of reports) keep their id as owner_id.
-- The table is a view rebuilt from the events (AttachmentProjection), so nothing else moves.
ALTER TABLE evidence_attachment RENAME COLUMN report_id TO owner_id;
ALTER TABLE evidence_attachment ADD COLUMN owner_kind VARCHAR(20) NOT NULL DEFAULT 'REPORT';
DROP INDEX evidence_attachment_report;
CREATE INDEX evidence_attachment_owner ON evidence_attachment (owner_kind, owner_id, attached_at);
CREATE INDEX evidence_attachment_task ON evidence_attachment (task_id);
