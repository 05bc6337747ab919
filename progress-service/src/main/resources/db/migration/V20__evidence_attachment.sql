-- Evidence attachments (佐证材料) of progress reports, one row per file; built by AttachmentProjection
-- in the "views" processor and rebuilt with it. The files are in object storage under object_key.
CREATE TABLE evidence_attachment (
    attachment_id  VARCHAR(64)  PRIMARY KEY,
    report_id      VARCHAR(64)  NOT NULL,
    task_id        VARCHAR(150) NOT NULL,
    unit_code      VARCHAR(100) NOT NULL,
    file_name      TEXT         NOT NULL,
    size_bytes     BIGINT       NOT NULL,
    media_type     VARCHAR(150) NOT NULL,
    sha256         CHAR(64)     NOT NULL,
    object_key     TEXT         NOT NULL,
    uploader_unit  VARCHAR(100),
    uploaded_by    VARCHAR(100),
    attached_at    TIMESTAMPTZ  NOT NULL
);

CREATE INDEX evidence_attachment_report ON evidence_attachment (report_id, attached_at);
