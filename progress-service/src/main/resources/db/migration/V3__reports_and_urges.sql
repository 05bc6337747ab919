-- Every version of every progress report, readable by id and as a share's history, with its review.
-- Built only from this service's events by the "views" processor (TaskShareProjection); emptied and
-- rebuilt when that processor is reset.
CREATE TABLE progress_report (
    report_id        VARCHAR(64)  PRIMARY KEY,
    share_id         VARCHAR(300) NOT NULL,
    task_id          VARCHAR(150) NOT NULL,
    plan_id          VARCHAR(100) NOT NULL,
    task_number      INTEGER      NOT NULL,
    task_title       TEXT         NOT NULL,
    unit_code        VARCHAR(100) NOT NULL,
    unit_name        TEXT         NOT NULL,
    lead_unit_code   VARCHAR(100) NOT NULL,
    lead_unit_name   TEXT         NOT NULL,
    period           VARCHAR(20)  NOT NULL,
    version          INTEGER      NOT NULL,
    status           VARCHAR(20)  NOT NULL,
    narrative        TEXT         NOT NULL,
    figures          TEXT         NOT NULL,   -- JSON array [{targetId, value}]
    problems         TEXT         NOT NULL,   -- JSON array of strings
    good_practice    TEXT,
    submitted_at     TIMESTAMPTZ  NOT NULL,
    submitted_by     VARCHAR(200),
    -- SUBMITTED (waiting for review), ACCEPTED, RETURNED, or SUPERSEDED by a later version of the period
    review_state     VARCHAR(20)  NOT NULL,
    reviewer_code    VARCHAR(100),
    reviewer_name    TEXT,
    review_comment   TEXT,
    reviewed_at      TIMESTAMPTZ,
    superseded_by    VARCHAR(64)
);
CREATE INDEX progress_report_share ON progress_report (share_id, period, version);

-- Urges (催办) to a share's unit, with their read receipts.
CREATE TABLE urge (
    urge_id          VARCHAR(64)  PRIMARY KEY,
    share_id         VARCHAR(300) NOT NULL,
    task_id          VARCHAR(150) NOT NULL,
    plan_id          VARCHAR(100) NOT NULL,
    task_number      INTEGER      NOT NULL,
    task_title       TEXT         NOT NULL,
    unit_code        VARCHAR(100) NOT NULL,
    unit_name        TEXT         NOT NULL,
    period           VARCHAR(20),
    message          TEXT,
    automatic        BOOLEAN      NOT NULL,
    issued_by_code   VARCHAR(100),
    issued_by_name   TEXT,
    issued_at        TIMESTAMPTZ  NOT NULL,
    read_at          TIMESTAMPTZ
);
CREATE INDEX urge_unit ON urge (unit_code, plan_id);
CREATE INDEX urge_share ON urge (share_id);

-- The share's last report: its version and where its review stands (the light reads it).
ALTER TABLE task_share_view
    ADD COLUMN last_version     INTEGER,
    ADD COLUMN last_review      VARCHAR(20),
    ADD COLUMN last_review_comment TEXT,
    ADD COLUMN last_accepted_period VARCHAR(20),
    ADD COLUMN last_accepted_at TIMESTAMPTZ,
    ADD COLUMN urges_received   INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN urges_unread     INTEGER NOT NULL DEFAULT 0;
