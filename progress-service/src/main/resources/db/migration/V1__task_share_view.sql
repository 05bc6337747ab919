-- Read model of the county and municipal views: one row per task share (task x unit), with the
-- share's last progress report. Built only from this service's own events by the "views"
-- tracking processor; deleted and rebuilt when that processor is reset.
CREATE TABLE task_share_view (
    share_id          VARCHAR(300) PRIMARY KEY,
    plan_id           VARCHAR(100) NOT NULL,
    task_id           VARCHAR(150) NOT NULL,
    task_number       INTEGER      NOT NULL,
    section_ordinal   INTEGER      NOT NULL,
    section_title     TEXT         NOT NULL,
    task_title        TEXT         NOT NULL,
    lead_unit_code    VARCHAR(100) NOT NULL,
    lead_unit_name    TEXT         NOT NULL,
    unit_code         VARCHAR(100) NOT NULL,
    unit_name         TEXT         NOT NULL,
    unit_kind         VARCHAR(30)  NOT NULL,
    lead              BOOLEAN      NOT NULL,
    responsible       BOOLEAN      NOT NULL,
    -- false once a reassignment took the unit off the task; the row stays so its reports stay known
    assigned          BOOLEAN      NOT NULL,
    last_report_id    VARCHAR(64),
    last_period       VARCHAR(20),
    last_status       VARCHAR(20),
    last_narrative    TEXT,
    last_submitted_at TIMESTAMPTZ,
    open_problems     INTEGER      NOT NULL DEFAULT 0
);

CREATE INDEX task_share_view_plan ON task_share_view (plan_id, task_number);
CREATE INDEX task_share_view_unit ON task_share_view (unit_code, plan_id);
