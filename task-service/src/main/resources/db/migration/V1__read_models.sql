-- Read models of task-service, written only by the "task-projections" tracking processor from the
-- events, and emptied by its reset handlers before a replay rebuilds them.

CREATE TABLE unit_view (
    code      VARCHAR(100) PRIMARY KEY,
    region    VARCHAR(50)  NOT NULL,
    name      VARCHAR(200) NOT NULL,
    kind      VARCHAR(30)  NOT NULL,
    aliases   TEXT         NOT NULL DEFAULT '[]', -- JSON array of names
    members   TEXT         NOT NULL DEFAULT '[]', -- JSON array of unit codes
    position  BIGSERIAL    NOT NULL               -- registration order
);

CREATE TABLE plan_view (
    plan_id         VARCHAR(100) PRIMARY KEY,
    title           TEXT         NOT NULL,
    region          VARCHAR(50)  NOT NULL,
    document_sha256 VARCHAR(64)  NOT NULL,
    imported_at     TIMESTAMPTZ  NOT NULL,
    imported_by     VARCHAR(200),
    warnings        TEXT         NOT NULL DEFAULT '[]', -- JSON array
    task_count      INTEGER      NOT NULL
);

CREATE TABLE plan_section_view (
    plan_id VARCHAR(100) NOT NULL REFERENCES plan_view (plan_id) ON DELETE CASCADE,
    ordinal INTEGER      NOT NULL,
    numeral VARCHAR(10)  NOT NULL,
    title   TEXT         NOT NULL,
    PRIMARY KEY (plan_id, ordinal)
);

CREATE TABLE task_view (
    task_id         VARCHAR(120) PRIMARY KEY,
    plan_id         VARCHAR(100) NOT NULL,
    number          INTEGER      NOT NULL,
    section_ordinal INTEGER      NOT NULL,
    section_title   TEXT         NOT NULL,
    title           TEXT         NOT NULL,
    text            TEXT         NOT NULL,
    lead_unit_code  VARCHAR(100),
    lead_unit_name  VARCHAR(200),
    kind            VARCHAR(20),
    due_date        DATE,
    reporting_cycle VARCHAR(20),
    version         BIGINT       NOT NULL
);
CREATE INDEX task_view_by_plan ON task_view (plan_id, number);

-- Units on a task: the lead unit (role LEAD) and the responsible units (role RESPONSIBLE, in order).
CREATE TABLE task_unit_view (
    task_id   VARCHAR(120) NOT NULL REFERENCES task_view (task_id) ON DELETE CASCADE,
    role      VARCHAR(12)  NOT NULL,
    position  INTEGER      NOT NULL,
    unit_code VARCHAR(100) NOT NULL,
    unit_name VARCHAR(200) NOT NULL,
    PRIMARY KEY (task_id, role, position)
);
CREATE INDEX task_unit_view_by_unit ON task_unit_view (unit_code);
