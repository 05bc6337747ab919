CREATE TABLE progress_report (
    id           UUID         PRIMARY KEY,
    task_id      VARCHAR(150) NOT NULL,
    period       VARCHAR(20)  NOT NULL,
    status       VARCHAR(20)  NOT NULL,
    narrative    TEXT         NOT NULL,
    submitted_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX progress_report_task ON progress_report (task_id);
