-- Supervision records (督导记录) of the city committee, one row per record; built by
-- SupervisionProjection in the "views" processor and rebuilt with it.
CREATE TABLE supervision_record (
    record_id      VARCHAR(64)  PRIMARY KEY,
    plan_id        VARCHAR(100) NOT NULL,
    task_id        VARCHAR(150) NOT NULL,
    task_number    INTEGER      NOT NULL,
    task_title     TEXT         NOT NULL,
    -- null when the record is about the whole task
    unit_code      VARCHAR(100),
    unit_name      TEXT,
    unit_kind      VARCHAR(30),
    lead_unit_code VARCHAR(100),
    lead_unit_name TEXT,
    findings       TEXT         NOT NULL,
    comment        TEXT,
    recorded_by    VARCHAR(100),
    recorded_at    TIMESTAMPTZ  NOT NULL
);

CREATE INDEX supervision_record_task ON supervision_record (task_id, recorded_at);
