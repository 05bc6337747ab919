-- Problems raised upward (反映问题), one row per problem (task + normalised category), and every unit
-- that raised or joined it. Built by ProblemProjection in the "views" processor and rebuilt with it.
CREATE TABLE problem (
    problem_id     VARCHAR(64)  PRIMARY KEY,
    plan_id        VARCHAR(100) NOT NULL,
    task_id        VARCHAR(150) NOT NULL,
    task_number    INTEGER      NOT NULL,
    task_title     TEXT         NOT NULL,
    category       TEXT         NOT NULL,
    text           TEXT         NOT NULL,
    -- OPEN, ANSWERED, CLOSED
    state          VARCHAR(20)  NOT NULL,
    general        BOOLEAN      NOT NULL DEFAULT FALSE,
    escalated      BOOLEAN      NOT NULL DEFAULT FALSE,
    county_count   INTEGER      NOT NULL DEFAULT 0,
    raised_at      TIMESTAMPTZ  NOT NULL,
    answer         TEXT,
    answered_by_code VARCHAR(100),
    answered_by_name TEXT,
    answered_at    TIMESTAMPTZ,
    close_comment  TEXT,
    closed_at      TIMESTAMPTZ
);

CREATE INDEX problem_plan ON problem (plan_id, state);
CREATE INDEX problem_task ON problem (task_id);

CREATE TABLE problem_raiser (
    problem_id VARCHAR(64)  NOT NULL REFERENCES problem (problem_id) ON DELETE CASCADE,
    unit_code  VARCHAR(100) NOT NULL,
    unit_name  TEXT         NOT NULL,
    unit_kind  VARCHAR(30)  NOT NULL,
    text       TEXT         NOT NULL,
    joined     BOOLEAN      NOT NULL,
    raised_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (problem_id, unit_code)
);
