-- The task read model learns a task's life: its state, overdue flag, extensions and accepted summary on
-- task_view, and its targets, milestones, units' acknowledgements and open requests in tables of their own.
-- Written only by the "task-projections" processor; emptied with task_view (ON DELETE CASCADE) on a reset.

ALTER TABLE task_view
    ADD COLUMN status             VARCHAR(10) NOT NULL DEFAULT 'OPEN',
    ADD COLUMN overdue            BOOLEAN     NOT NULL DEFAULT FALSE,
    ADD COLUMN extensions_granted INTEGER     NOT NULL DEFAULT 0,
    ADD COLUMN summary_id         VARCHAR(200),
    ADD COLUMN summary_period     VARCHAR(20);

-- position: the sequence number of the event that added the target, so targets list in the order they came
CREATE TABLE task_target_view (
    task_id      VARCHAR(120) NOT NULL REFERENCES task_view (task_id) ON DELETE CASCADE,
    target_id    VARCHAR(20)  NOT NULL,
    position     BIGINT       NOT NULL,
    type         VARCHAR(20)  NOT NULL,
    description  TEXT         NOT NULL,
    metric       VARCHAR(200),
    unit         VARCHAR(50),
    target_value NUMERIC,
    direction    VARCHAR(10),
    from_date    DATE,
    to_date      DATE,
    PRIMARY KEY (task_id, target_id)
);

CREATE TABLE task_milestone_view (
    task_id      VARCHAR(120) NOT NULL REFERENCES task_view (task_id) ON DELETE CASCADE,
    milestone_id VARCHAR(20)  NOT NULL,
    position     BIGINT       NOT NULL,
    title        TEXT         NOT NULL,
    due_date     DATE         NOT NULL,
    PRIMARY KEY (task_id, milestone_id)
);

-- One row per unit that must acknowledge (签收) its assignment; state PENDING, OVERDUE or ACKNOWLEDGED.
CREATE TABLE task_acknowledgement_view (
    task_id         VARCHAR(120) NOT NULL REFERENCES task_view (task_id) ON DELETE CASCADE,
    unit_code       VARCHAR(100) NOT NULL,
    unit_name       VARCHAR(200) NOT NULL,
    position        BIGINT       NOT NULL,
    state           VARCHAR(20)  NOT NULL,
    due_date        DATE         NOT NULL,
    acknowledged_at TIMESTAMPTZ,
    PRIMARY KEY (task_id, unit_code)
);

-- Open adjustment and extension requests; a decided request leaves (its decision is an event).
CREATE TABLE task_request_view (
    request_id         VARCHAR(200) PRIMARY KEY,
    task_id            VARCHAR(120) NOT NULL REFERENCES task_view (task_id) ON DELETE CASCADE,
    kind               VARCHAR(20)  NOT NULL,
    unit_code          VARCHAR(100) NOT NULL,
    unit_name          VARCHAR(200) NOT NULL,
    reason             TEXT         NOT NULL,
    requested_due_date DATE,
    requested_at       TIMESTAMPTZ  NOT NULL
);
CREATE INDEX task_request_view_by_task ON task_request_view (task_id);
