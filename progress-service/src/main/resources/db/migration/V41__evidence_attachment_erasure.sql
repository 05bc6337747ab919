-- Erased evidence (a person's data): the object is deleted from storage, the row stays with its size, type and
-- SHA-256; its file name is replaced by 已删除 (a name may itself be personal) and the erasure is noted here.
-- The table is a view rebuilt from the events (AttachmentProjection), so nothing is migrated.
ALTER TABLE evidence_attachment
    ADD COLUMN erased_at      TIMESTAMPTZ,
    ADD COLUMN erased_by_unit VARCHAR(100),
    ADD COLUMN erasure_reason TEXT;
