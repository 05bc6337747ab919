-- The lead units' task summaries (总结) per period and their review by the city committee. Built by the
-- "views" processor (TaskShareProjection) from this service's events; rebuilt on a reset.
CREATE TABLE task_summary (
    summary_id      VARCHAR(64)  PRIMARY KEY,
    share_id        VARCHAR(300) NOT NULL,
    task_id         VARCHAR(150) NOT NULL,
    plan_id         VARCHAR(100) NOT NULL,
    task_number     INTEGER      NOT NULL,
    period          VARCHAR(20)  NOT NULL,
    lead_unit_code  VARCHAR(100) NOT NULL,
    lead_unit_name  TEXT         NOT NULL,
    text            TEXT         NOT NULL,
    submitted_at    TIMESTAMPTZ  NOT NULL,
    review_state    VARCHAR(20)  NOT NULL,   -- SUBMITTED, ACCEPTED or RETURNED
    review_comment  TEXT,
    reviewed_at     TIMESTAMPTZ
);
CREATE INDEX task_summary_task ON task_summary (task_id, period);
