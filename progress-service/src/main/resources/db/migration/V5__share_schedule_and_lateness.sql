-- The share's schedule (from TaskShareScheduledEvent) and its lateness, from ReportOverdueEvent and the
-- accepted reports. The light is worked out from these and today's date as the view is read (LightRules).
ALTER TABLE task_share_view
    ADD COLUMN task_kind        VARCHAR(20),
    ADD COLUMN due_date         DATE,
    ADD COLUMN reporting_cycle  VARCHAR(20),
    -- the day the share learned its schedule: reports due before then are not owed
    ADD COLUMN owed_from        DATE,
    -- the latest period the share was found late for, and its due date
    ADD COLUMN overdue_period   VARCHAR(20),
    ADD COLUMN overdue_due_date DATE,
    -- periods found late, in all; and those of them no report was accepted for yet (the light stays red)
    ADD COLUMN overdue_count    INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN overdue_open     INTEGER NOT NULL DEFAULT 0,
    -- accepted periods, and those of them that had been found late (for the on-time rate)
    ADD COLUMN periods_accepted INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN periods_accepted_late INTEGER NOT NULL DEFAULT 0;

-- Every period a share was found late for: the overdue list, and whether a report for it was accepted since.
CREATE TABLE share_overdue (
    share_id   VARCHAR(300) NOT NULL,
    period     VARCHAR(20)  NOT NULL,
    due_date   DATE         NOT NULL,
    found_at   TIMESTAMPTZ  NOT NULL,
    accepted   BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (share_id, period)
);
